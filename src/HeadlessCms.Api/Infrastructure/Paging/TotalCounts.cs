using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Infrastructure.Paging;

/// <summary>
/// Totals of numbered pages, remembered until content changes. A count walks every matching index entry, so on a
/// large archive it costs far more than the page itself; between writes it cannot change, except when a scheduled
/// article goes live, which the content generation also marks. A short lifetime bounds what another instance's
/// writes can leave stale.
/// </summary>
public sealed class TotalCounts(ContentGeneration generation, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public async Task<int> CountAsync<T>(HttpContext http, string filter, IQueryable<T> query, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        // Advances the generation when a scheduled article has gone live since the last look.
        var nextScheduled = await generation.NextScheduledAsync(http.RequestServices, now, cancellationToken);
        var current = generation.Current;
        if (entries.TryGetValue(filter, out var entry) && entry.Generation == current && now < entry.ExpiresAt)
        {
            return entry.Count;
        }

        var count = await query.CountAsync(cancellationToken);
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        var expiresAt = now + Lifetime;
        entries[filter] = new Entry(current, count, expiresAt < nextScheduled ? expiresAt : nextScheduled);
        return count;
    }

    private sealed record Entry(long Generation, int Count, DateTime ExpiresAt);
}
