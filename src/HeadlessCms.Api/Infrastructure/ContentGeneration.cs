using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// A number that changes whenever delivered content may have changed: a committed write, or a scheduled article
/// going live. Whatever was read or counted under an older number is out of date.
/// </summary>
public sealed class ContentGeneration(IServiceScopeFactory scopes, IOutputCacheStore cache)
{
    private long generation;
    private long nextScheduledTicks = -1;

    public long Current => Interlocked.Read(ref generation);

    /// <summary>Marks everything read so far as out of date and evicts the cached delivery responses.</summary>
    public async ValueTask AdvanceAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref generation);
        Interlocked.Exchange(ref nextScheduledTicks, -1);
        await cache.EvictByTagAsync(DeliveryCache.Tag, cancellationToken);
    }

    /// <summary>
    /// The time the next scheduled article becomes visible: cached responses must not outlive it, so a scheduled
    /// article appears on time without a background job.
    /// </summary>
    public async ValueTask<DateTime> NextScheduledAsync(DateTime now, CancellationToken cancellationToken)
    {
        var ticks = Interlocked.Read(ref nextScheduledTicks);
        if (ticks >= 0 && ticks > now.Ticks)
        {
            return new DateTime(ticks, DateTimeKind.Utc);
        }

        if (ticks >= 0)
        {
            // A scheduled article has just become visible: what was cached before is out of date.
            await AdvanceAsync(cancellationToken);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var next = await db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt > now)
            .OrderBy(a => a.PublishedAt).Select(a => a.PublishedAt).FirstOrDefaultAsync(cancellationToken) ?? DateTime.MaxValue;
        Interlocked.Exchange(ref nextScheduledTicks, next.Ticks);
        return next;
    }
}
