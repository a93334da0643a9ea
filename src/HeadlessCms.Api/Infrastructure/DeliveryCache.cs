using System.Security.Cryptography;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Server-side caching of delivery responses. Every management write evicts all of it, because one write can change
/// many representations (lists, neighbours, categories, the digest); a generation number stops a read that began
/// before a write from storing what it read after the eviction.
/// </summary>
public static class DeliveryCache
{
    public const string Tag = "content";
    public const string PolicyName = "Delivery";

    public static IServiceCollection AddDeliveryCache(this IServiceCollection services)
    {
        services.AddSingleton<ContentGeneration>();
        services.AddOutputCache(o => o.AddPolicy(PolicyName, new DeliveryCachePolicy()));
        return services;
    }

    /// <summary>Called after every management write, once it has committed.</summary>
    public static async Task ContentChangedAsync(HttpContext http)
    {
        http.RequestServices.GetRequiredService<ContentGeneration>().Advance();
        await http.RequestServices.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(Tag, CancellationToken.None);
    }
}

public sealed class ContentGeneration
{
    private long generation;
    private long nextScheduledTicks = -1;

    public long Current => Interlocked.Read(ref generation);

    public void Advance()
    {
        Interlocked.Increment(ref generation);
        Interlocked.Exchange(ref nextScheduledTicks, -1);
    }

    /// <summary>
    /// The time the next scheduled article becomes visible: cached responses must not outlive it, so a scheduled
    /// article appears on time without a background job.
    /// </summary>
    public async ValueTask<DateTime> NextScheduledAsync(IServiceProvider services, DateTime now, CancellationToken cancellationToken)
    {
        var ticks = Interlocked.Read(ref nextScheduledTicks);
        if (ticks >= 0 && ticks > now.Ticks)
        {
            return new DateTime(ticks, DateTimeKind.Utc);
        }

        if (ticks >= 0)
        {
            // A scheduled article has just become visible: what was cached before is out of date.
            Advance();
            await services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(DeliveryCache.Tag, cancellationToken);
        }

        var db = services.GetRequiredService<CmsDbContext>();
        var next = await db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt > now)
            .OrderBy(a => a.PublishedAt).Select(a => a.PublishedAt).FirstOrDefaultAsync(cancellationToken) ?? DateTime.MaxValue;
        Interlocked.Exchange(ref nextScheduledTicks, next.Ticks);
        return next;
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
        var now = http.RequestServices.GetRequiredService<TimeProvider>().UtcNow();
        var nextScheduled = await generation.NextScheduledAsync(http.RequestServices, now, cancellation);
        var lifetime = TimeSpan.FromSeconds(options.OutputCacheSeconds);
        if (nextScheduled - now < lifetime)
        {
            lifetime = nextScheduled - now;
        }

        http.Items[GenerationKey] = generation.Current;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = lifetime > TimeSpan.Zero;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = lifetime > TimeSpan.Zero ? lifetime : TimeSpan.FromSeconds(1);
        context.Tags.Add(DeliveryCache.Tag);
        context.CacheVaryByRules.QueryKeys = "*";
        // Links are absolute and CORS answers depend on the caller's origin.
        context.CacheVaryByRules.HeaderNames = new Microsoft.Extensions.Primitives.StringValues(["Origin", "X-Forwarded-Host", "X-Forwarded-Proto"]);
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var generation = http.RequestServices.GetRequiredService<ContentGeneration>();
        if (http.Response.StatusCode != StatusCodes.Status200OK
            || http.Items[GenerationKey] is not long started || started != generation.Current)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Gives a delivery response without an ETag of its own one made from its body, and answers If-None-Match.</summary>
internal sealed class ETaggedResult(IResult inner) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await inner.ExecuteAsync(httpContext);
        }
        finally
        {
            response.Body = original;
        }

        if (response.StatusCode == StatusCodes.Status200OK && string.IsNullOrEmpty(response.Headers.ETag))
        {
            var etag = "\"" + Convert.ToHexString(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), 0, 12) + "\"";
            response.Headers.ETag = etag;
            if (ETags.IfNoneMatchHits(httpContext.Request, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = default;
                return;
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, httpContext.RequestAborted);
    }
}
