using System.Collections.Concurrent;

namespace HeadlessCms.Api.Infrastructure.Paging;

/// <summary>
/// Where deep numbered pages start, remembered per content generation: asking for such a page again is then a
/// keyset seek instead of a walk over its offset. The generation is shared between instances when Redis is set.
/// </summary>
public sealed class PageStarts(ContentGeneration generation, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> starts = new(StringComparer.Ordinal);

    /// <summary>Where a numbered page started when last read in this generation, and the generation to remember it under.</summary>
    public async ValueTask<(CursorPosition? Start, long? Generation)> FindAsync(string page, CancellationToken cancellationToken)
    {
        if (await generation.CurrentAsync(cancellationToken) is not { } current)
        {
            return (null, null);
        }

        return starts.TryGetValue(page, out var start) && start.Generation == current && time.UtcNow() < start.ExpiresAt
            ? (start.Position, current)
            : (null, current);
    }

    public void Remember(string page, CursorPosition position, long? readInGeneration)
    {
        if (readInGeneration is null)
        {
            return;
        }

        if (starts.Count >= MaxEntries)
        {
            starts.Clear();
        }

        starts[page] = new Entry(readInGeneration.Value, position, time.UtcNow() + Lifetime);
    }

    private sealed record Entry(long Generation, CursorPosition Position, DateTime ExpiresAt);
}
