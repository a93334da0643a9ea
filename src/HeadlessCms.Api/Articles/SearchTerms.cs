using System.Collections.Concurrent;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Data;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace HeadlessCms.Api.Articles;

/// <summary>
/// Chooses how PostgreSQL finds the articles matching a search. The planner cannot: it estimates every word it has no
/// statistics for at the same floor frequency, so for a rare word it walks the newest-first index testing each row's
/// tsvector, which reads most of the archive before giving up. Asking the GIN index first (at most
/// <see cref="RareLimit"/> matches, in one bitmap scan) tells the two cases apart: a rare word's few matches are then
/// fetched by id and ordered, and a common word keeps the walk, which finds a page within a few hundred rows.
/// </summary>
public sealed class SearchTerms(TimeProvider time)
{
    /// <summary>
    /// Up to this many matches, ordering all of them is cheaper than walking the index until a page is found: the walk
    /// reads about pageSize × archive / matches rows, so the two cost alike near √(20 × 1,000,000) ≈ 4,500.
    /// </summary>
    public const int RareLimit = 2_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private const int MaxEntries = 10_000;

    // Only "common" is remembered: it cannot make a result wrong (the walk is exact), only slower if the word became
    // rare since. A rare word's ids are read again for every request, as they change with each write.
    private readonly ConcurrentDictionary<string, DateTime> common = new(StringComparer.Ordinal);

    /// <summary>The ids of every article (any status) matching the search when there are few, else null.</summary>
    public async Task<List<int>?> RareMatchesAsync(CmsDbContext db, string query, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        if (common.TryGetValue(query, out var until) && now < until)
        {
            return null;
        }

        // No ORDER BY: nothing tempts the planner away from the GIN index, and the LIMIT bounds a common word's cost.
        var ids = await db.Articles
            .Where(a => EF.Property<NpgsqlTsVector>(a, CmsDbContext.SearchVector).Matches(EF.Functions.WebSearchToTsQuery("english", query)))
            .Select(a => a.Id).Take(RareLimit + 1).ToListAsync(cancellationToken);
        if (ids.Count <= RareLimit)
        {
            return ids;
        }

        if (common.Count >= MaxEntries)
        {
            common.Clear();
        }

        common[query] = now + Lifetime;
        return null;
    }
}
