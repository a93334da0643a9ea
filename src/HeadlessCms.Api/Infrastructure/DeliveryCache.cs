using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Server-side caching of delivery responses. A committed content change evicts all of it, because one write can change many
/// representations (lists, neighbours, categories, the digest); the content generation stops a read that began
/// before a write from storing what it read after the eviction.
/// </summary>
public static class DeliveryCache
{
    public const string Tag = "content";
    public const string PolicyName = "Delivery";

    public static IServiceCollection AddDeliveryCache(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<ContentGeneration>();
        services.AddSingleton<IInterceptor, ContentChangeInterceptor>();
        services.AddOutputCache(o => o.AddPolicy(PolicyName, new DeliveryCachePolicy()));
        return services;
    }
}

internal sealed class DeliveryCachePolicy : IOutputCachePolicy
{
    private const string GenerationKey = "HeadlessCms.ContentGeneration";

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<CmsOptions>>().Value.Caching;
        var enabled = options.OutputCacheEnabled && HttpMethods.IsGet(http.Request.Method);
        context.EnableOutputCaching = enabled;
        if (!enabled)
        {
            return;
        }

        var generation = http.RequestServices.GetRequiredService<ContentGeneration>();
        if (await generation.CurrentAsync(cancellation) is not { } current)
        {
            // The shared cache cannot be trusted while its generation is unknown (Redis down): answer from the database.
            context.EnableOutputCaching = false;
            return;
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().UtcNow();
        var nextScheduled = await generation.NextScheduledAsync(now, cancellation);
        var lifetime = TimeSpan.FromSeconds(options.OutputCacheSeconds);
        if (nextScheduled - now < lifetime)
        {
            lifetime = nextScheduled - now;
        }

        http.Items[GenerationKey] = current;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = lifetime > TimeSpan.Zero;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = lifetime > TimeSpan.Zero ? lifetime : TimeSpan.FromSeconds(1);
        context.Tags.Add(DeliveryCache.Tag);
        context.CacheVaryByRules.QueryKeys = "*";
        // Part of the key: an entry stored by a read that overlapped a write is never found after it, on any instance.
        context.CacheVaryByRules.VaryByValues["generation"] = current.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Links are absolute and CORS answers depend on the caller's origin.
        context.CacheVaryByRules.HeaderNames = new StringValues(["Origin", "X-Forwarded-Host", "X-Forwarded-Proto"]);
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        context.HttpContext.RequestServices.GetRequiredService<Telemetry.CmsMetrics>().OutputCacheHit();
        EndpointGroups.SendDeliveryCacheControl(context.HttpContext);
        return ValueTask.CompletedTask;
    }

    public async ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        if (context.AllowCacheLookup)
        {
            http.RequestServices.GetRequiredService<Telemetry.CmsMetrics>().OutputCacheMiss();
        }

        if (http.Response.StatusCode != StatusCodes.Status200OK || http.Items[GenerationKey] is not long started
            || started != await http.RequestServices.GetRequiredService<ContentGeneration>().LatestAsync(cancellation))
        {
            context.AllowCacheStorage = false;
        }
    }
}
