using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Api.Infrastructure.ScaleOut;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Infrastructure;

public static class Hosting
{
    public const long MaxRequestBodyBytes = 1_048_576;
    public const string DeliveryCorsPolicy = "Delivery";

    public static void AddCmsHosting(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.AddServerHeader = false;
        });
    }

    public static IServiceCollection AddCmsServices(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddCmsOptions(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddCmsDatabase(configuration, environment);
        services.AddCmsProblemDetails();
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
        ValidationFilter.UseCamelCaseFieldNames();
        services.AddSingleton<CursorCodec>();
        services.AddSingleton<PageRequestParser>();
        services.AddSingleton<Pager>();
        services.AddSingleton<PageStarts>();
        services.AddSingleton<TotalCounts>();
        services.AddCmsHealthChecks();
        services.AddCmsOpenApi();
        services.AddDeliveryCache();
        // Revisions, createdBy/updatedBy and the audit trail of every save (the request's API key is the actor).
        services.AddHttpContextAccessor();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, Revisions.RevisionRecorder>();
        services.AddSingleton<Preview.PreviewTokens>();
        // The category a create names, remembered briefly (Categories/CategoryLookup.cs).
        services.AddSingleton<Categories.CategoryLookup>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, Categories.CategoryChangeInterceptor>();
        services.AddScaleOut(configuration);
        services.AddCmsRateLimiting();
        services.AddSecuritySettings(configuration);

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            // A misspelt field is a mistake to report, not to ignore silently.
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CmsOptions>>((cors, cms) => cors.AddPolicy(DeliveryCorsPolicy, policy =>
            policy.WithOrigins(cms.Value.Cors.AllowedOrigins).WithMethods("GET", "HEAD").AllowAnyHeader().WithExposedHeaders("ETag", "Link", "Location", "Retry-After")));

        return services;
    }

    public static void UseCmsPipeline(this WebApplication app)
    {
        var cms = app.Services.GetRequiredService<IOptions<CmsOptions>>().Value;
        if (cms.ForwardedHeaders.Enabled == true)
        {
            app.UseForwardedHeaders();
        }

        app.UsePublicBaseUrl(cms);

        app.UseSecurityHeaders(cms);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseMiddleware<TransientReadRetryMiddleware>();
        app.UseCmsOpenApi(cms);
        app.UseDemoSite(cms);
        app.UseCors();
        app.UseAuthentication();
        app.Use(ApiKeys.FailedAuthThrottle.RefuseThrottledAsync);
        app.UseAuthorization();
        app.UseOutputCache();
        app.UseReadReplica();
    }
}
