using System.Globalization;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Data;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Events;

/// <param name="Id">The article or category id.</param>
/// <param name="Slug">Its slug after the change; for one that left the delivery API, its last slug (delete that page).</param>
/// <param name="Url">Its delivery URL when visible after the change, else null.</param>
public sealed record ChangeSubject(int Id, string Slug, string? Url);

/// <param name="Sequence">Strictly increasing; pass the last one you processed as since (links.next does).</param>
/// <param name="Type">The event type, e.g. article.published.</param>
/// <param name="OccurredAt">When the change was committed.</param>
/// <param name="Article">Set for article.* changes.</param>
/// <param name="Category">Set for category.* changes.</param>
public sealed record ChangeItem(long Sequence, string Type, DateTime OccurredAt, ChangeSubject? Article, ChangeSubject? Category);

/// <summary>The changes feed: what changed in the delivery API, for front ends that pre-render pages.</summary>
public static class ChangesFeedEndpoints
{
    private const int DefaultSize = 100;
    private const int MaxSize = PageRequestParser.MaxPageSize;

    public static void MapChanges(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/changes").WithTag("Changes feed (delivery)", "What changed in the delivery API since your last visit, for static sites and CDNs. No key needed.").MapGet("/", List).AllowAnonymous()
            .RequireCors(Hosting.DeliveryCorsPolicy).WithValidation()
            .WithName("ListChanges").WithSummary("What changed in the delivery API since a cursor, oldest first")
            .WithDescription(
                "Only changes that alter what the delivery API shows (publishing, edits of visible articles, slug changes, " +
                "unpublishing, archiving, deletion, category changes; a scheduled article appears when its time comes). " +
                "Items: { sequence, type, occurredAt, article { id, slug, url } | category { id, slug, url } }; url is null " +
                "when the item left the delivery API (slug is then its last slug, so a static site can delete the page).\n\n" +
                "links.next is always present: store it and poll it; it answers no items until something changes. " +
                "`since=<sequence>` starts after any sequence (omit it to start at the oldest retained change). A cursor " +
                "older than the event retention (Cms:Events:RetentionDays, 30 days) answers 410: resync from /api/v1/articles " +
                "and /api/v1/categories, then poll from the links.next of a fresh request. Webhooks push the same events.")
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithResponseHeader(StatusCodes.Status200OK, "Cache-Control", "no-cache: poll links.next rather than keeping a page.")
            .WithResponseHeader(StatusCodes.Status200OK, "Link", "The next page to poll (links.next) as an RFC 8288 Link header, rel=\"next\".");
    }

    public static async Task<Results<Ok<Paged<ChangeItem>>, ValidationProblem, ProblemHttpResult>> List(
        [System.ComponentModel.Description("Return changes after this sequence (links.next carries it).")] string? since,
        [System.ComponentModel.Description("Items per page, 1-100 (default 100)."), System.ComponentModel.DefaultValue(DefaultSize)] string? pageSize, CmsDbContext db, IOptions<EventOptions> options, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        long after = 0;
        if (since is not null && (!long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            errors["since"] = ["since must be a sequence number from links.next (a whole number, 0 or more)."];
        }

        var size = DefaultSize;
        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxSize))
        {
            errors["pageSize"] = [$"pageSize must be a whole number from 1 to {MaxSize}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        if (since is not null && await IsBeyondRetentionAsync(db, after, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "Cursor expired",
                detail: $"Changes after sequence {after} are older than the {options.Value.RetentionDays}-day retention and were pruned. " +
                        "Resync from /api/v1/articles and /api/v1/categories, then poll the links.next of a fresh GET /api/v1/changes.");
        }

        var rows = await db.ContentEvents.Where(e => e.InFeed && e.Sequence > after).OrderBy(e => e.Sequence).Take(size)
            .Select(e => new { e.Sequence, e.Type, e.OccurredAt, e.Subject, e.SubjectId, e.SubjectSlug, e.SubjectPath })
            .ToListAsync(cancellationToken);
        var origin = UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase).TrimEnd('/');
        var items = rows.Select(r =>
        {
            var subject = new ChangeSubject(r.SubjectId, r.SubjectSlug, r.SubjectPath is null ? null : origin + r.SubjectPath);
            return new ChangeItem(r.Sequence, r.Type, r.OccurredAt, r.Subject == "article" ? subject : null, r.Subject == "category" ? subject : null);
        }).ToList();

        var last = items.Count > 0 ? items[^1].Sequence : after;
        var feed = origin + "/api/v1/changes";
        var sizeQuery = pageSize is null ? string.Empty : "&pageSize=" + size.ToString(CultureInfo.InvariantCulture);
        var self = UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase, http.Request.Path, http.Request.QueryString);
        var next = feed + "?since=" + last.ToString(CultureInfo.InvariantCulture) + sizeQuery;
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
        return TypedResults.Ok(new Paged<ChangeItem>(items, new PageInfo(size, null, null, null), new PageLinks(self, feed, null, next, null)));
    }

    /// <summary>
    /// True when events after <paramref name="after"/> may have been pruned: the oldest kept event is further on than
    /// the next sequence. (A gap left by a rolled-back transaction right before the oldest kept event reads the same;
    /// the client then resyncs once, which is safe.)
    /// </summary>
    private static async Task<bool> IsBeyondRetentionAsync(CmsDbContext db, long after, CancellationToken cancellationToken)
    {
        var oldest = await db.ContentEvents.OrderBy(e => e.Sequence).Select(e => (long?)e.Sequence).FirstOrDefaultAsync(cancellationToken);
        return oldest is { } first && after + 1 < first && first > 1;
    }
}
