using System.Globalization;
using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Infrastructure.Paging;

/// <summary>A list request that passed validation.</summary>
public sealed record PageRequest<TEntity>(
    int Size, int? Number, Cursor? Cursor, string SortName, ISortKey<TEntity> SortKey, bool Descending, bool IncludeTotal, string Filter);

/// <summary>Turns paging parameters into a page of any list, with its links, the same way everywhere.</summary>
public sealed class Pager(CursorCodec cursors, TotalCounts totals)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    private const int MaxPageNumber = 10_000_000;
    private static readonly string[] PagingParameters = ["pageSize", "page", "cursor", "includeTotal"];

    public PageRequest<TEntity>? Parse<TEntity>(HttpRequest http, PageQuery query, SortOptions<TEntity> sorts, Dictionary<string, string[]> errors)
    {
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
            ? null
            : new PageRequest<TEntity>(size, number, cursor, sortName, sort.Value.Key, sort.Value.Descending, includeTotal, filter);
    }

    public async Task<Paged<TItem>> PageAsync<TEntity, TItem>(HttpContext http, IQueryable<TEntity> query, PageRequest<TEntity> request,
        Expression<Func<TEntity, TItem>> projection, CancellationToken cancellationToken)
    {
        int? total = request.Number is not null || request.IncludeTotal ? await totals.CountAsync(http, request.Filter, query, cancellationToken) : null;
        int? totalPages = total is { } t ? (t + request.Size - 1) / request.Size : null;
        var links = new LinkMaker(http.Request);

        if (request.Number is { } number)
        {
            var offset = (int)Math.Min((long)(number - 1) * request.Size, int.MaxValue);
            var rows = total > offset
                ? await FetchNumberedAsync(http, query, request, number, offset, projection, cancellationToken)
                : [];
            var lastPage = Math.Max(1, totalPages!.Value);
            var pageLinks = new PageLinks(
                links.Self(),
                links.WithPage(1),
                number > 1 ? links.WithPage(Math.Min(number - 1, lastPage)) : null,
                number < totalPages ? links.WithPage(number + 1) : null,
                links.WithPage(lastPage));
            return Finish(http, rows, new PageInfo(request.Size, number, total, totalPages), pageLinks);
        }

        var direction = request.Cursor?.Direction ?? CursorDirection.After;
        var position = request.Cursor is { Key: { } key } c && direction != CursorDirection.Last ? new CursorPosition(key, c.Id) : null;
        // Backwards pages are read in the reversed order, then turned around.
        var reversed = direction != CursorDirection.After;
        var fetched = await request.SortKey.FetchAsync(query, request.Descending ^ reversed, position, 0, request.Size + 1, projection, cancellationToken);
        var more = fetched.Count > request.Size;
        var page = fetched.Take(request.Size).ToList();
        if (reversed)
        {
            page.Reverse();
        }

        string? CursorLink(CursorDirection d, KeyedRow<TItem>? at) =>
            links.WithCursor(cursors.Encode(new Cursor(d, request.SortName, request.Filter, at?.Key, at?.Id ?? 0)));

        var first = links.WithCursor(null);
        string? prev = direction switch
        {
            CursorDirection.After when request.Cursor is null => null,
            CursorDirection.After => page.Count > 0 ? CursorLink(CursorDirection.Before, page[0]) : first,
            _ => more ? CursorLink(CursorDirection.Before, page[0]) : null,
        };
        string? next = direction switch
        {
            CursorDirection.After => more ? CursorLink(CursorDirection.After, page[^1]) : null,
            CursorDirection.Before => page.Count > 0 ? CursorLink(CursorDirection.After, page[^1]) : null,
            _ => null,
        };
        var last = CursorLink(CursorDirection.Last, null);
        return Finish(http, page, new PageInfo(request.Size, null, total, totalPages), new PageLinks(links.Self(), first, prev, next, last));
    }

    /// <summary>
    /// A deep numbered page walks its offset in the index once; where that page starts is then remembered until
    /// content changes, so asking for it again is a keyset seek that costs what the first page costs.
    /// </summary>
    private async Task<List<KeyedRow<TItem>>> FetchNumberedAsync<TEntity, TItem>(HttpContext http, IQueryable<TEntity> query,
        PageRequest<TEntity> request, int number, int offset, Expression<Func<TEntity, TItem>> projection, CancellationToken cancellationToken)
    {
        if (offset == 0)
        {
            return await request.SortKey.FetchAsync(query, request.Descending, null, 0, request.Size, projection, cancellationToken);
        }

        var boundary = $"{request.Filter}|{request.SortName}|{request.Size}|{number}";
        var (start, generation) = totals.PageStart(boundary);
        if (start is not null)
        {
            return await request.SortKey.FetchAsync(query, request.Descending, start, 0, request.Size, projection, cancellationToken);
        }

        var rows = await request.SortKey.FetchAsync(query, request.Descending, null, offset, request.Size, projection, cancellationToken);
        if (rows.Count > 0)
        {
            totals.RememberPageStart(boundary, new CursorPosition(rows[0].Key, rows[0].Id, Inclusive: true), generation);
        }

        return rows;
    }

    private static Paged<TItem> Finish<TItem>(HttpContext http, List<KeyedRow<TItem>> rows, PageInfo info, PageLinks links)
    {
        var header = new List<string>(4);
        foreach (var (rel, url) in new[] { ("first", links.First), ("prev", links.Prev), ("next", links.Next), ("last", links.Last) })
        {
            if (url is not null)
            {
                header.Add($"<{url}>; rel=\"{rel}\"");
            }
        }

        http.Response.Headers.Link = string.Join(", ", header);
        return new Paged<TItem>(rows.ConvertAll(r => r.Item), info, links);
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

    /// <summary>Absolute URLs of the current list with other paging parameters; every other parameter is kept as sent.</summary>
    private sealed class LinkMaker(HttpRequest request)
    {
        private readonly string baseUrl = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path);

        public string Self() => UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, request.QueryString);

        public string WithPage(int page) => Build(("page", page.ToString(CultureInfo.InvariantCulture)));

        public string WithCursor(string? cursor) => cursor is null ? Build() : Build(("cursor", cursor));

        private string Build(params (string Key, string Value)[] paging)
        {
            var query = new QueryBuilder();
            foreach (var pair in request.Query.Where(p => !string.Equals(p.Key, "page", StringComparison.OrdinalIgnoreCase) && !string.Equals(p.Key, "cursor", StringComparison.OrdinalIgnoreCase)))
            {
                foreach (var value in pair.Value)
                {
                    query.Add(pair.Key, value ?? string.Empty);
                }
            }

            foreach (var (key, value) in paging)
            {
                query.Add(key, value);
            }

            return baseUrl + query.ToQueryString();
        }
    }
}
