using System.ComponentModel;

namespace HeadlessCms.Api.Infrastructure.Paging;

/// <summary>
/// Paging parameters shared by every list. Values bind as text so a bad one gets a validation problem naming the
/// field, not a bare 400.
/// </summary>
public sealed class PageQuery
{
    /// <summary>Items per page, 1-100 (default 20).</summary>
    [Description("Items per page, 1-100 (default 20).")]
    public string? PageSize { get; init; }

    /// <summary>1-based page number: switches to numbered paging with totals. Not allowed with cursor.</summary>
    [Description("1-based page number: switches to numbered paging with totals. Not allowed together with cursor.")]
    public string? Page { get; init; }

    /// <summary>Opaque cursor from links.next / links.prev / links.last.</summary>
    [Description("Opaque cursor taken from links.next, links.prev or links.last.")]
    public string? Cursor { get; init; }

    /// <summary>One field, '-' for descending.</summary>
    [Description("One sort field, prefixed with '-' for descending.")]
    public string? Sort { get; init; }

    /// <summary>In cursor mode, also count the items (costs a count query).</summary>
    [Description("In cursor mode, also count totalItems and totalPages.")]
    public string? IncludeTotal { get; init; }
}
