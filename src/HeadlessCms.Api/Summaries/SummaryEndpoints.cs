using System.Linq.Expressions;
using HeadlessCms.Api.Articles;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Summaries;

/// <summary>Delivery of summaries: one article's, and the digest of all visible articles.</summary>
public static class SummaryEndpoints
{
    public const string GetForArticleName = "GetArticleSummary";
    private const string Tag = "Summaries (delivery)";
    private const string TagDescription = "\"No time to read?\" summaries, one article's or the digest of all.";

    private static readonly SortOptions<Article> Sorts = new("-publishedAt",
        SortKey.For<Article, DateTime>("publishedAt", a => a.PublishedAt!.Value, a => a.Id));

    public static void MapSummaries(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/articles").WithTag(Tag, TagDescription).AllowAnonymous().WithDelivery()
            .MapGet("/{slug}/summary", GetForArticle).WithName(GetForArticleName).WithSummary("Get the summary of a published article")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGroup("/api/v1/summaries").WithTag(Tag, TagDescription).AllowAnonymous().WithDelivery()
            .MapGet("/", Feed).WithName("ListSummaries").WithSummary("The summaries digest: every visible article's summary, newest article first")
            .WithSortValues(Sorts);
    }

    public static async Task<Results<Ok<ArticleSummaryResponse>, ProblemHttpResult>> GetForArticle(
        string slug, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var summary = await db.Articles.Visible(time.UtcNow()).Where(a => a.Slug == slug && a.Summary != null)
            .Select(a => new ArticleSummaryResponse(new SummaryArticleRef(a.Slug, a.Title), a.Summary!.Text,
                a.Summary.Source == SummarySource.Editor ? SummarySourceNames.Editor : SummarySourceNames.Generated, a.Summary.UpdatedAt))
            .FirstOrDefaultAsync(cancellationToken);
        return summary is null
            ? Problems.NotFound($"No published article with the slug '{ArticleQueries.Shorten(slug)}' has a summary.")
            : TypedResults.Ok(summary);
    }

    public static async Task<Results<Ok<Paged<SummaryFeedItem>>, ValidationProblem>> Feed(
        [AsParameters] PageQuery paging, CmsDbContext db, Pager pager, TimeProvider time, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        var page = pager.Parse(http.Request, paging, Sorts);
        if (page.Request is not { } request)
        {
            return Problems.Invalid(page.Errors);
        }

        var baseUrl = ArticleEndpoints.ItemUrlPrefix(links, http);
        Expression<Func<Article, SummaryFeedItem>> projection = a => new SummaryFeedItem(
            new FeedArticle(a.Id, a.Slug, a.Title, a.PublishedAt!.Value, new FeedCategory(a.Category!.Slug, a.Category.Name), baseUrl + a.Slug),
            a.Summary!.Text,
            a.Summary.Source == SummarySource.Editor ? SummarySourceNames.Editor : SummarySourceNames.Generated);
        var query = db.Articles.Visible(time.UtcNow()).Where(a => a.Summary != null);
        return TypedResults.Ok(await pager.PageAsync(http, query, request, projection, cancellationToken));
    }
}
