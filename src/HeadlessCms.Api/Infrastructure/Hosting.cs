using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Api.Summaries;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;

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
        services.Configure<CmsOptions>(configuration.GetSection(CmsOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddCmsDatabase(configuration, environment);
        services.AddCmsProblemDetails();
        services.AddApiKeyAuthentication();
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
        ValidationFilter.UseCamelCaseFieldNames();
        services.AddSingleton<CursorCodec>();
        services.AddSingleton<Pager>();
        services.AddSingleton<TotalCounts>();
        services.AddSummaries();
        services.AddScoped<BootstrapAdminKey>();
        services.AddScoped<Demo.DemoContentSeeder>();
        services.AddCmsHealthChecks();
        services.AddCmsOpenApi();
        services.AddDeliveryCache();

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            // A misspelt field is a mistake to report, not to ignore silently.
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        var origins = configuration.GetSection("Cms:Cors:AllowedOrigins").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(DeliveryCorsPolicy, policy =>
            policy.WithOrigins(origins).WithMethods("GET", "HEAD").AllowAnyHeader().WithExposedHeaders("ETag", "Link", "Location", "Retry-After")));

        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Enabled only by configuration, for deployments behind a proxy the operator trusts.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
        });
        return services;
    }

    public static void UseCmsPipeline(this WebApplication app)
    {
        var cms = app.Configuration.GetSection(CmsOptions.Section).Get<CmsOptions>() ?? new CmsOptions();
        if (cms.ForwardedHeaders.Enabled == true)
        {
            app.UseForwardedHeaders();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseCmsOpenApi(cms);
        app.UseDemoSite(cms);
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
    }
}

/// <summary>
/// Refuses oversized bodies with a problem on every server: up front when Content-Length says so, and while reading
/// a chunked body. Kestrel enforces its own limit too, but the test server has none.
/// </summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > Hosting.MaxRequestBodyBytes)
        {
            await ErrorHandling.WriteProblemAsync(context, null, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                "The request body exceeds the limit of 1 MB.");
            return;
        }

        if (context.Request.ContentLength is null && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is null)
        {
            context.Request.Body = new BodyLimitStream(context.Request.Body, Hosting.MaxRequestBodyBytes);
        }

        await next(context);
    }

    /// <summary>Reads through to the request body, failing as Kestrel does (BadHttpRequestException, 413) past the limit.</summary>
    private sealed class BodyLimitStream(Stream inner, long limit) : Stream
    {
        private long read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int bytes)
        {
            read += bytes;
            if (read > limit)
            {
                throw new BadHttpRequestException("The request body exceeds the limit of 1 MB.", StatusCodes.Status413PayloadTooLarge);
            }

            return bytes;
        }
    }
}
