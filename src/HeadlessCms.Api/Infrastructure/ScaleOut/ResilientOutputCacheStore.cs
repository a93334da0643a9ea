using Microsoft.AspNetCore.OutputCaching;

namespace HeadlessCms.Api.Infrastructure.ScaleOut;

/// <summary>
/// The Redis output cache store, with Redis failures turned into misses: a delivery request never fails because the
/// shared cache is away. Nothing stale can be found when it returns, because entries are keyed by the content
/// generation (see <see cref="ContentGeneration"/>).
/// </summary>
internal sealed class ResilientOutputCacheStore(IOutputCacheStore inner, SharedRedis redis) : IOutputCacheStore
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.GetAsync(key, cancellationToken);
        }
        catch (Exception e) when (SharedRedis.IsRedisFailure(e))
        {
            redis.ReportFailure(e);
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try
        {
            await inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception e) when (SharedRedis.IsRedisFailure(e))
        {
            redis.ReportFailure(e);
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await inner.EvictByTagAsync(tag, cancellationToken);
        }
        catch (Exception e) when (SharedRedis.IsRedisFailure(e))
        {
            // The new generation already hides what could not be evicted; the entries expire on their own.
            redis.ReportFailure(e);
        }
    }
}
