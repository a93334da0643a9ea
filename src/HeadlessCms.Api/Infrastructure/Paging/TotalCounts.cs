using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Infrastructure.Paging;

/// <summary>
/// Totals of numbered pages, remembered until content changes. A count walks every matching index entry, so on a
/// large archive it costs far more than the page itself; between writes it cannot change, except when a scheduled
/// article goes live, which the content generation also marks (shared between instances when Redis is set; without
/// it nothing is counted from memory). Concurrent requests for the same total share one count instead of each running their own.
/// </summary>
public sealed class TotalCounts(ContentGeneration generation, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public async Task<int> CountAsync<T>(string filter, IQueryable<T> query, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        // Advances the generation when a scheduled article has gone live since the last look.
        var nextScheduled = await generation.NextScheduledAsync(now, cancellationToken);
        if (await generation.CurrentAsync(cancellationToken) is not { } current)
        {
            return await query.CountAsync(cancellationToken);
        }

        if (entries.TryGetValue(filter, out var entry) && entry.Generation == current && now < entry.ExpiresAt && !entry.Count.IsFaulted)
        {
            return await entry.Count.WaitAsync(cancellationToken);
        }

        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        var expiresAt = now + Lifetime;
        // Not cancelled with this request: other requests may be waiting for the same count.
        var counting = new Entry(current, query.CountAsync(CancellationToken.None), expiresAt < nextScheduled ? expiresAt : nextScheduled);
        entries[filter] = counting;
        try
        {
            // The count runs on this request's DbContext: this request waits for it to finish, even if its client
            // has gone, so the context is never returned to the pool while still in use.
            return await counting.Count;
        }
        catch when (counting.Count.IsFaulted)
        {
            entries.TryRemove(KeyValuePair.Create(filter, counting));
            throw;
        }
    }

    private sealed record Entry(long Generation, Task<int> Count, DateTime ExpiresAt);
}
