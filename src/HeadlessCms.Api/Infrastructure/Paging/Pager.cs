using System.Linq.Expressions;

namespace HeadlessCms.Api.Infrastructure.Paging;

/// <summary>
/// The one service a list handler needs: it reads the paging parameters (<see cref="PageRequestParser"/>), then
/// runs the request and links the page (<see cref="PageLinkBuilder"/>), the same way for every list.
/// </summary>
public sealed class Pager(PageRequestParser parser, CursorCodec cursors, TotalCounts totals, PageStarts starts)
{
    public ParsedPage<TEntity> Parse<TEntity>(HttpRequest http, PageQuery query, SortOptions<TEntity> sorts) => parser.Parse(http, query, sorts);

    public async Task<Paged<TItem>> PageAsync<TEntity, TItem>(HttpContext http, IQueryable<TEntity> query, PageRequest<TEntity> request,
        Expression<Func<TEntity, TItem>> projection, CancellationToken cancellationToken, IReadOnlyList<IQueryable<TEntity>>? parts = null)
    {
        int? total = request.Number is not null || request.IncludeTotal ? await totals.CountAsync(request.Filter, query, cancellationToken) : null;
        int? totalPages = total is { } t ? (t + request.Size - 1) / request.Size : null;
        var links = new PageLinkBuilder(http.Request);

        if (request.Number is { } number)
        {
            var offset = (int)Math.Min((long)(number - 1) * request.Size, int.MaxValue);
            var rows = total > offset
                ? await FetchNumberedAsync(query, request, number, offset, projection, parts, cancellationToken)
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
        var fetched = await request.SortKey.FetchAsync(query, request.Descending ^ reversed, position, 0, request.Size + 1, projection, cancellationToken, parts);
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
    private async Task<List<KeyedRow<TItem>>> FetchNumberedAsync<TEntity, TItem>(IQueryable<TEntity> query,
        PageRequest<TEntity> request, int number, int offset, Expression<Func<TEntity, TItem>> projection,
        IReadOnlyList<IQueryable<TEntity>>? parts, CancellationToken cancellationToken)
    {
        if (offset == 0)
        {
            return await request.SortKey.FetchAsync(query, request.Descending, null, 0, request.Size, projection, cancellationToken, parts);
        }

        var boundary = $"{request.Filter}|{request.SortName}|{request.Size}|{number}";
        var (start, generation) = await starts.FindAsync(boundary, cancellationToken);
        if (start is not null)
        {
            return await request.SortKey.FetchAsync(query, request.Descending, start, 0, request.Size, projection, cancellationToken, parts);
        }

        var rows = await request.SortKey.FetchAsync(query, request.Descending, null, offset, request.Size, projection, cancellationToken, parts);
        if (rows.Count > 0)
        {
            starts.Remember(boundary, new CursorPosition(rows[0].Key, rows[0].Id, Inclusive: true), generation);
        }

        return rows;
    }

    private static Paged<TItem> Finish<TItem>(HttpContext http, List<KeyedRow<TItem>> rows, PageInfo info, PageLinks links)
    {
        PageLinkBuilder.WriteLinkHeader(http.Response, links);
        return new Paged<TItem>(rows.ConvertAll(r => r.Item), info, links);
    }
}
