namespace HeadlessCms.Api.Infrastructure.Paging;

/// <summary>The one envelope every list answers with.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, PageInfo Page, PageLinks Links);

/// <param name="Size">The page size asked for.</param>
/// <param name="Number">The 1-based page number in numbered mode; null when paging by cursor.</param>
/// <param name="TotalItems">All matching items; null in cursor mode unless includeTotal=true.</param>
/// <param name="TotalPages">Pages of this size; null when totalItems is.</param>
public sealed record PageInfo(int Size, int? Number, int? TotalItems, int? TotalPages);

/// <summary>Absolute URLs that keep every filter and the sort; null where there is no such page.</summary>
public sealed record PageLinks(string Self, string? First, string? Prev, string? Next, string? Last);

/// <summary>A link to a single resource.</summary>
public sealed record SelfLink(string Self);
