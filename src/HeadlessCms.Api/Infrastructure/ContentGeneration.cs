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
/// reads it once at the start of each request (a snapshot: the output cache key, the replica decision and the totals of
/// one request all go by the same generation and position), so a write another instance has acknowledged is never
/// served from a cache. When it cannot be read (Redis down) it is unknown and the caches are not used at all.
/// </summary>
public sealed class ContentGeneration(IServiceScopeFactory scopes, IOutputCacheStore cache, SharedRedis redis, ReadReplica replica,
    IHttpContextAccessor http, IHostApplicationLifetime lifetime, ILogger<ContentGeneration> logger)
{
    private const string SnapshotKey = "HeadlessCms.ContentGeneration.Snapshot";

    // How long a write waits for Redis before it is acknowledged anyway (see AdvanceAsync).
    private static readonly TimeSpan[] PublishRetryDelays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100),
        TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(750)];

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
    private int republishing;
    private Schedule? nextScheduled;

    private RedisKey GenerationKey => redis.KeyPrefix + "generation";
    private RedisKey PositionKey => redis.KeyPrefix + "commit-position";

    /// <summary>
    /// The generation this request goes by (read once per request); null when it cannot be known, and then no cache may
    /// be read or filled.
    /// </summary>
    public async ValueTask<long?> CurrentAsync(CancellationToken cancellationToken) => (await SnapshotAsync(cancellationToken))?.Generation;

    /// <summary>The generation now, whatever this request started with: to tell whether a write happened meanwhile.</summary>
    public async ValueTask<long?> LatestAsync(CancellationToken cancellationToken) => (await ReadAsync(cancellationToken))?.Generation;

    /// <summary>
    /// The WAL position a replica must have replayed to serve this request: the one published with the request's
    /// generation, so whatever the request reads is at least as new as what that generation stands for.
    /// </summary>
    public async ValueTask<long?> RequiredPositionAsync(CancellationToken cancellationToken) => (await SnapshotAsync(cancellationToken))?.Position;

    /// <summary>
    /// Marks everything read so far as out of date and evicts the cached delivery responses. Called after a commit and
    /// before the write is acknowledged. If Redis does not take the new generation, other instances that still reach
    /// it would go on serving what the write changed: so the write waits a little for Redis (this instance's connection
    /// can come back after theirs when Redis returns), and if Redis stays away, the generation is published in the
    /// background as soon as it answers.
    /// </summary>
    public async ValueTask AdvanceAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref generation);
        http.HttpContext?.Items.Remove(SnapshotKey);
        var published = await PublishAsync(cancellationToken);
        for (var attempt = 0; !published && attempt < PublishRetryDelays.Length; attempt++)
        {
            await Task.Delay(PublishRetryDelays[attempt], cancellationToken);
            published = await PublishAsync(cancellationToken);
        }

        if (!published)
        {
            RepublishInBackground();
        }

        await cache.EvictByTagAsync(DeliveryCache.Tag, cancellationToken);
    }

    private void RepublishInBackground()
    {
        if (Interlocked.Exchange(ref republishing, 1) == 1)
        {
            return;
        }

        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                while (!stopping.IsCancellationRequested && Volatile.Read(ref mustPublish) == 1 && !await PublishAsync(stopping))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), stopping);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Publishing the content generation after a Redis outage failed.");
            }
            finally
            {
                Volatile.Write(ref republishing, 0);
            }
        }, CancellationToken.None);
    }

    private async ValueTask<State?> SnapshotAsync(CancellationToken cancellationToken)
    {
        var items = http.HttpContext?.Items;
        if (items?[SnapshotKey] is State taken)
        {
            return taken;
        }

        var state = await ReadAsync(cancellationToken);
        if (items is not null && state is not null)
        {
            items[SnapshotKey] = state;
        }

        return state;
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
