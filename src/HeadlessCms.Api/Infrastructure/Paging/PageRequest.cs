using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HeadlessCms.Api.Infrastructure.Paging;

/// <summary>A list request that passed validation.</summary>
public sealed record PageRequest<TEntity>(
    int Size, int? Number, Cursor? Cursor, string SortName, ISortKey<TEntity> SortKey, bool Descending, bool IncludeTotal, string Filter);

/// <summary>The outcome of reading paging parameters: a request, or the errors that name each bad parameter.</summary>
public sealed record ParsedPage<TEntity>(PageRequest<TEntity>? Request, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>Reads and checks the paging parameters of any list, the same way everywhere.</summary>
public sealed class PageRequestParser(CursorCodec cursors)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    private const int MaxPageNumber = 10_000_000;
    private static readonly string[] PagingParameters = ["pageSize", "page", "cursor", "includeTotal"];

    public ParsedPage<TEntity> Parse<TEntity>(HttpRequest http, PageQuery query, SortOptions<TEntity> sorts)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (key, values) in http.Query)
        {
            if (values.Count > 1)
            {
                // One value per parameter: "q=a&q=b" would otherwise bind as "a,b", a filter nobody asked for.
                errors[Truncate(key)] = [$"'{Truncate(key)}' may be given only once."];
            }
        }

        var size = DefaultPageSize;
        if (query.PageSize is not null && (!int.TryParse(query.PageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            errors["pageSize"] = [$"pageSize must be a whole number from 1 to {MaxPageSize}."];
        }

        int? number = null;
        if (query.Page is not null)
        {
            if (int.TryParse(query.Page, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= MaxPageNumber)
            {
                number = page;
            }
            else
            {
                errors["page"] = [$"page must be a whole number from 1 to {MaxPageNumber}."];
            }

            if (query.Cursor is not null)
            {
                errors["page"] = ["page and cursor cannot be used together: follow links.next / links.prev, or ask for a page number."];
            }
        }

        var sortName = string.IsNullOrEmpty(query.Sort) ? sorts.DefaultSort : query.Sort;
        var sort = sorts.Find(sortName);
        if (sort is null)
        {
            errors["sort"] = [$"Unknown sort '{Truncate(sortName)}'. Allowed: {string.Join(", ", sorts.Allowed)}."];
        }

        var includeTotal = false;
        if (query.IncludeTotal is not null && !bool.TryParse(query.IncludeTotal, out includeTotal))
        {
            errors["includeTotal"] = ["includeTotal must be true or false."];
        }

        var filter = FilterFingerprint(http.Path, http.Query);
        Cursor? cursor = null;
        if (query.Cursor is not null && !errors.ContainsKey("page"))
        {
            cursor = cursors.Decode(query.Cursor);
            if (cursor is null || (cursor.Direction != CursorDirection.Last && (cursor.Key is null || sort is null || !sort.Value.Key.IsValidKey(cursor.Key))))
            {
                errors["cursor"] = ["The cursor is not valid: use a links.next, links.prev or links.last URL unchanged."];
            }
            else if (cursor.Sort != sortName || cursor.Filter != filter)
            {
                errors["cursor"] = ["The cursor was made for another sort or other filters: keep them as they were, or start again without a cursor."];
            }
        }

        return errors.Count > 0 || sort is null
            ? new ParsedPage<TEntity>(null, errors)
            : new ParsedPage<TEntity>(new PageRequest<TEntity>(size, number, cursor, sortName, sort.Value.Key, sort.Value.Descending, includeTotal, filter), errors);
    }

    /// <summary>
    /// The path (a category's articles are filtered by it) and every query parameter except the paging ones, normalised,
    /// so a cursor can tell it is reused with other filters or on another list.
    /// </summary>
    private static string FilterFingerprint(PathString path, IQueryCollection query)
    {
        var text = new StringBuilder(path.Value).Append('?');
        foreach (var pair in query.Where(p => !PagingParameters.Contains(p.Key, StringComparer.OrdinalIgnoreCase) && !string.Equals(p.Key, "sort", StringComparison.OrdinalIgnoreCase))
                     .OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(pair.Key).Append('=').Append(pair.Value.ToString()).Append('&');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 8);
    }

    private static string Truncate(string value) => value.Length > 50 ? value[..50] + "…" : value;
}
