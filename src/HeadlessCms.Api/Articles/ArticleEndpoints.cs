using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using HeadlessCms.Api.Categories;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Api.Summaries;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Articles;

/// <summary>The public delivery API for articles: published, visible content only.</summary>
public static class ArticleEndpoints
{
    public const string GetBySlugName = "GetArticle";

    /// <summary>The delivery URL of the article with this slug is this + slug.</summary>
    public static string ItemUrlPrefix(LinkGenerator links, HttpContext http) => links.Prefix(http, GetBySlugName, "slug");

    public static void MapArticles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/articles").WithTag("Articles (delivery)", "Published articles as readers see them. No key needed.")
            .AllowAnonymous().WithDelivery().WithETagOn<ArticleDetail>();
        group.MapGet("/", List).WithName("ListArticles").WithSummary("List published articles")
            .WithDescription("Newest first by default. Cursor paging by default (follow links.next / links.prev); add page=N for numbered pages with totals.")
            .WithSortValues(ArticleQueries.DeliverySorts, searchable: true);
        group.MapGet("/{slug}", GetBySlug).WithName(GetBySlugName).WithSummary("Get a published article by slug")
            .WithDescription("Includes the Markdown body, safe bodyHtml, the summary and previous/next navigation. Sends an ETag; If-None-Match gives 304. A former slug answers 301 to the current URL.")
            .Produces(StatusCodes.Status304NotModified).Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<Paged<ArticleListItem>>, ValidationProblem>> List(
        [AsParameters] PageQuery paging, [AsParameters] ArticleFilters filters,
        CmsDbContext db, Pager pager, TimeProvider time, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        var filtered = await db.Articles.Visible(time.UtcNow()).FilterAsync(db, filters, ArticleQueries.DeliverySorts, cancellationToken);
        var page = pager.Parse(http.Request, paging, filtered.Sorts);
        if (page.Request is not { } request || filtered.Errors.Count > 0)
        {
            return Problems.Invalid(filtered.Errors, page.Errors);
        }

        return TypedResults.Ok(await pager.PageAsync(http, filtered.Query, request, ArticleListItem.Projection(ItemUrlPrefix(links, http)), cancellationToken));
    }

    public static async Task<Results<Ok<ArticleDetail>, RedirectHttpResult, StatusCodeHttpResult, ProblemHttpResult, ValidationProblem>> GetBySlug(
        string slug,
        [Description("'category' keeps previous/next within the article's own category (default: all).")][AllowedValues("all", "category")] string? navigation,
        CmsDbContext db, TimeProvider time, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        // An empty value means the default, as an empty sort does.
        if (navigation is not (null or "" or "all" or "category"))
        {
            return Problems.Invalid("navigation", "navigation must be 'all' or 'category'.");
        }

        var now = time.UtcNow();
        var article = await db.Articles.Visible(now).Where(a => a.Slug == slug)
            .Select(a => new
            {
                a.Id, a.Slug, a.Title, a.Author, a.CategoryId, a.PublishedAt, a.UpdatedAt, a.WordCount, a.FeaturedImageUrl, a.Body, a.Version,
                Category = new CategoryRef(a.Category!.Id, a.Category.Slug, a.Category.Name),
                CategoryVersion = a.Category.Version,
                Summary = a.Summary == null ? null : new SummaryRef(a.Summary.Text, a.Summary.Source == SummarySource.Editor ? SummarySourceNames.Editor : SummarySourceNames.Generated),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            var renamed = await db.FormerSlugs.Where(f => f.Slug == slug)
                .Join(db.Articles.Visible(now), f => f.ArticleId, a => a.Id, (f, a) => a.Slug)
                .FirstOrDefaultAsync(cancellationToken);
            return renamed is null
                ? Problems.NotFound($"No published article has the slug '{ArticleQueries.Shorten(slug)}'.")
                : TypedResults.Redirect(permanent: true, url: ItemUrlPrefix(links, http) + Uri.EscapeDataString(renamed) + http.Request.QueryString);
        }

        var neighbours = db.Articles.Visible(now);
        if (navigation == "category")
        {
            neighbours = neighbours.Where(a => a.CategoryId == article.CategoryId);
        }

        var publishedAt = article.PublishedAt!.Value;
        var previous = await neighbours
            .Where(a => a.PublishedAt <= publishedAt && (a.PublishedAt < publishedAt || a.Id < article.Id))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.Slug, a.Title, PublishedAt = a.PublishedAt!.Value, a.Version })
            .FirstOrDefaultAsync(cancellationToken);
        var next = await neighbours
            .Where(a => a.PublishedAt >= publishedAt && (a.PublishedAt > publishedAt || a.Id > article.Id))
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id)
            .Select(a => new { a.Slug, a.Title, PublishedAt = a.PublishedAt!.Value, a.Version })
            .FirstOrDefaultAsync(cancellationToken);

        // Everything the representation shows is covered, so a 304 can be decided before rendering anything.
        var etag = $"\"a{article.Version}-c{article.CategoryVersion}-p{previous?.Slug}.{previous?.Version}-n{next?.Slug}.{next?.Version}\"";
        http.Response.Headers.ETag = etag;
        if (ETags.IfNoneMatchHits(http.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var baseUrl = ItemUrlPrefix(links, http);
        return TypedResults.Ok(new ArticleDetail(
            article.Id,
            article.Slug,
            article.Title,
            article.Author,
            article.Category,
            publishedAt,
            article.UpdatedAt,
            Words.ReadingMinutes(article.WordCount),
            article.FeaturedImageUrl,
            article.Body,
            MarkdownRenderer.ToHtml(article.Body),
            article.Summary,
            new ArticleLinks(baseUrl + article.Slug, links.Of(http, SummaryEndpoints.GetForArticleName, new { slug = article.Slug }),
                links.Of(http, CategoryEndpoints.GetBySlugName, new { slug = article.Category.Slug })),
            new Navigation(
                previous is null ? null : new Neighbour(previous.Slug, previous.Title, previous.PublishedAt, baseUrl + previous.Slug),
                next is null ? null : new Neighbour(next.Slug, next.Title, next.PublishedAt, baseUrl + next.Slug))));
    }
}
