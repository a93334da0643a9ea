using HeadlessCms.Api.Infrastructure.ScaleOut;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// A number that changes whenever delivered content may have changed: a committed write, or a scheduled article
/// going live. Whatever was read or counted under an older number is out of date. Every cache keys its entries by it.
/// With Redis the number lives there, with the commit position of the last write (for the read replica): an instance
/// reads it at the start of each request, so a write another instance has acknowledged is never served from a cache.
/// When it cannot be read (Redis down) it is unknown and the caches are not used at all.
/// </summary>
public sealed class ContentGeneration(IServiceScopeFactory scopes, IOutputCacheStore cache, SharedRedis redis, ReadReplica replica)
{
    // Sets a fresh generation and raises the commit position, never lowers it (instances write concurrently).
    private const string PublishScript = """
        redis.call('SET', KEYS[1], ARGV[1])
        local position = tonumber(ARGV[2])
        if position > tonumber(redis.call('GET', KEYS[2]) or '0') then redis.call('SET', KEYS[2], ARGV[2]) end
        return 1
        """;

    private long generation;
    private long position;
    private int mustPublish;
    private Schedule? nextScheduled;

    private RedisKey GenerationKey => redis.KeyPrefix + "generation";
    private RedisKey PositionKey => redis.KeyPrefix + "commit-position";

    /// <summary>The current generation; null when it cannot be known, and then no cache may be read or filled.</summary>
    public async ValueTask<long?> CurrentAsync(CancellationToken cancellationToken) => (await ReadAsync(cancellationToken))?.Generation;

    /// <summary>The WAL position a replica must have replayed to serve a read; null when unknown.</summary>
    public async ValueTask<long?> RequiredPositionAsync(CancellationToken cancellationToken) => (await ReadAsync(cancellationToken))?.Position;

    /// <summary>Marks everything read so far as out of date and evicts the cached delivery responses.</summary>
    public async ValueTask AdvanceAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref generation);
        await PublishAsync(cancellationToken);
        await cache.EvictByTagAsync(DeliveryCache.Tag, cancellationToken);
    }

    /// <summary>
    /// The time the next scheduled article becomes visible: cached responses must not outlive it, so a scheduled
    /// article appears on time without a background job.
    /// </summary>
    public async ValueTask<DateTime> NextScheduledAsync(DateTime now, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        if (current is { } known && Volatile.Read(ref nextScheduled) is { } schedule && schedule.Generation == known)
        {
            if (schedule.At > now)
            {
                return schedule.At;
            }

            // A scheduled article has just become visible: what was cached before is out of date.
            await AdvanceAsync(cancellationToken);
            current = await CurrentAsync(cancellationToken);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var next = await db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt > now)
            .OrderBy(a => a.PublishedAt).Select(a => a.PublishedAt).FirstOrDefaultAsync(cancellationToken) ?? DateTime.MaxValue;
        if (current is { } read)
        {
            Volatile.Write(ref nextScheduled, new Schedule(read, next));
        }

        return next;
    }

    private async ValueTask<State?> ReadAsync(CancellationToken cancellationToken)
    {
        if (!redis.Configured)
        {
            return new State(Interlocked.Read(ref generation), Interlocked.Read(ref position));
        }

        try
        {
            // After an outage, writes may have happened that could not say so: start a new generation before trusting
            // anything cached. A missing key means Redis lost its data, which could hide the same.
            var values = Volatile.Read(ref mustPublish) == 1 ? null : await redis.Database.StringGetAsync([GenerationKey, PositionKey]);
            if (values is null || values[0].IsNull)
            {
                if (!await PublishAsync(cancellationToken))
                {
                    return null;
                }

                values = await redis.Database.StringGetAsync([GenerationKey, PositionKey]);
            }

            redis.ReportSuccess();
            return new State((long)values[0], values[1].IsNull ? 0 : (long)values[1]);
        }
        catch (Exception e) when (SharedRedis.IsRedisFailure(e))
        {
            redis.ReportFailure(e);
            Volatile.Write(ref mustPublish, 1);
            return null;
        }
    }

    private async Task<bool> PublishAsync(CancellationToken cancellationToken)
    {
        // Read after the commit, so at or after it: a replica that has replayed this far has the write.
        if (replica.TracksPositions && await replica.PrimaryPositionAsync(cancellationToken) is { } committed)
        {
            for (var seen = Interlocked.Read(ref position); committed > seen; seen = Interlocked.Read(ref position))
            {
                Interlocked.CompareExchange(ref position, committed, seen);
            }
        }

        if (!redis.Configured)
        {
            return true;
        }

        try
        {
            await redis.Database.ScriptEvaluateAsync(PublishScript, [GenerationKey, PositionKey],
                [Random.Shared.NextInt64(1, long.MaxValue), Interlocked.Read(ref position)]);
            Volatile.Write(ref mustPublish, 0);
            redis.ReportSuccess();
            return true;
        }
        catch (Exception e) when (SharedRedis.IsRedisFailure(e))
        {
            redis.ReportFailure(e);
            Volatile.Write(ref mustPublish, 1);
            return false;
        }
    }

    private sealed record State(long Generation, long Position);

    private sealed record Schedule(long Generation, DateTime At);
}
