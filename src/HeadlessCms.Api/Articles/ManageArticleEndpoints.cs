using HeadlessCms.Api.Categories;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Events;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Api.Summaries;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Articles;

/// <summary>Filters of the management article list: the delivery filters plus status.</summary>
public sealed class ManageArticleFilters
{
    [Description("draft, scheduled, published or archived.")]
    [AllowedValues(ArticleStatusNames.Draft, ArticleStatusNames.Scheduled, ArticleStatusNames.Published, ArticleStatusNames.Archived)]
    public string? Status { get; init; }

    [Description("true: the review queue (drafts submitted for review); false: the others.")]
    public bool? ReadyForReview { get; init; }
}

/// <summary>The editors' API for articles: every status, writes, and the publishing workflow.</summary>
public static partial class ManageArticleEndpoints
{
    public const string GetByIdName = "GetManagedArticle";

    public static void MapManageArticles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/articles").WithManagement(ApiKeyAuthentication.AuthorPolicy)
            .WithTag("Articles (management)", "Write, submit, publish, schedule, unpublish and archive articles. Needs an API key; authors change only their own drafts.")
            .WithETagOn<ManagedArticle>().WithRequestExamples<ArticleRequest>(ArticleExamples.Article).WithRequestExamples<PublishRequest>(ArticleExamples.Publish)
            .WithRequestExamples<SubmitRequest>(ArticleExamples.Submit);
        group.MapGet("/", List).WithName("ListManagedArticles").WithSummary("List articles in every status")
            .WithDescription("Most recently updated first by default; filter by status, category, author, dates or q.")
            .WithSortValues(ArticleQueries.ManagementSorts, searchable: true);
        group.MapGet("/{id:int}", Get).WithName(GetByIdName).WithSummary("Get an article (any status)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", Create).WithName("CreateArticle").WithSummary("Create a draft article")
            .WithDescription("The slug is made from the title when omitted. A summary given here is the editor's summary.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:int}", Update).WithName("UpdateArticle").WithSummary("Replace an article's fields")
            .WithDescription("Send If-Match with the ETag you read to avoid overwriting someone else's change (412 if stale). A new slug keeps the old one as a redirect. Omitting slug keeps the current one; omitting summary keeps the current summary.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{id:int}", Delete).WithName("DeleteArticle").WithSummary("Delete an article")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id:int}/publish", Publish).WithName("PublishArticle").RequireAuthorization(ApiKeyAuthentication.EditorPolicy).WithSummary("Publish, schedule or backdate an article")
            .WithDescription("Optional body { \"publishAt\": \"...\" }: a future time schedules it (visible from then on, no job needed); a past time backdates it. Default: now, or the existing publish time of an already published article.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id:int}/unpublish", Unpublish).WithName("UnpublishArticle").RequireAuthorization(ApiKeyAuthentication.EditorPolicy).WithSummary("Return an article to draft")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id:int}/archive", Archive).WithName("ArchiveArticle").RequireAuthorization(ApiKeyAuthentication.EditorPolicy).WithSummary("Archive an article")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id:int}/submit", ArticleReviewEndpoints.Submit).WithName("SubmitArticle").WithSummary("Submit a draft for review")
            .WithDescription("Marks the draft readyForReview (the editors' queue: GET ?readyForReview=true) with an optional note. Publishing clears it.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    public static async Task<Results<Ok<Paged<ManagedArticleListItem>>, ValidationProblem>> List(
        [AsParameters] PageQuery paging, [AsParameters] ArticleFilters filters, [AsParameters] ManageArticleFilters status,
        CmsDbContext db, SearchTerms searchTerms, Pager pager, TimeProvider time, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        var filtered = await db.Articles.FilterAsync(db, searchTerms, filters, ArticleQueries.ManagementSorts, cancellationToken);
        var query = filtered.Query;
        var statusErrors = new Dictionary<string, string[]>();
        switch (status.Status)
        {
            case null:
                break;
            case ArticleStatusNames.Draft:
                query = query.Where(a => a.Status == ArticleStatus.Draft);
                break;
            case ArticleStatusNames.Archived:
                query = query.Where(a => a.Status == ArticleStatus.Archived);
                break;
            case ArticleStatusNames.Published:
                query = query.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now);
                break;
            case ArticleStatusNames.Scheduled:
                query = query.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt > now);
                break;
            default:
                statusErrors["status"] = [$"Unknown status. Allowed: {string.Join(", ", ArticleStatusNames.All)}."];
                break;
        }

        if (status.ReadyForReview is { } ready)
        {
            query = query.Where(a => a.ReadyForReview == ready);
        }

        var page = pager.Parse(http.Request, paging, filtered.Sorts);
        if (page.Request is not { } request || filtered.Errors.Count > 0 || statusErrors.Count > 0)
        {
            return Problems.Invalid(filtered.Errors, statusErrors, page.Errors);
        }

        var projection = ManagedArticleListItem.Projection(now, ItemUrlPrefix(links, http));
        return TypedResults.Ok(await pager.PageAsync(http, query, request, projection, cancellationToken));
    }

    public static async Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Get(
        int id, CmsDbContext db, TimeProvider time, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        var article = await ArticleLookup.LoadAsync(db, id, tracking: false, cancellationToken);
        return article is null ? ArticleLookup.NotFound(id) : Respond(http, links, article, time.UtcNow());
    }

    public static async Task<Results<Created<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Create(
        ArticleRequest request, CmsDbContext db, CategoryLookup categories, TimeProvider time, LinkGenerator links, HttpContext http,
        CancellationToken cancellationToken)
    {
        var category = await categories.FindAsync(db, request.CategoryId, cancellationToken);
        if (category is null)
        {
            return Problems.Invalid("categoryId", $"There is no category with id {request.CategoryId}.");
        }

        if (request.Slug is { } wanted && await db.Articles.IsTakenAsync(wanted, cancellationToken))
        {
            return SlugTaken(wanted);
        }

        var (body, refusal) = await MarkdownRenderer.RenderAsync(request.Body, cancellationToken);
        if (body is null)
        {
            return Problems.Invalid("body", refusal!);
        }

        var now = time.UtcNow();
        var madeFrom = request.Slug is null ? Slugs.From(request.Title) : null;
        // A slug made from the title is tried as it is: titles rarely repeat, and when it is taken the save's unique
        // violation moves it on to the next free one (Slugs.SaveWithMadeSlugAsync), so only then does it cost a query.
        var slug = request.Slug ?? madeFrom!;
        var article = Article.Draft(request.Title.Trim(), slug, body, category, Blank(request.Author), request.FeaturedImageUrl, request.Summary, now);
        // Async: on PostgreSQL the id comes from a HiLo block, and every tenth add fetches the next block.
        await db.Articles.AddAsync(article, cancellationToken);
        ContentEvents.Article(http, ContentEventTypes.ArticleCreated, article, now, wasVisible: false);
        await Slugs.SaveNewAsync(db, article, madeFrom, cancellationToken);
        var created = Respond(http, links, article, time.UtcNow());
        return TypedResults.Created(created.Value!.Links.Self, created.Value);
    }

    public static async Task<Results<Ok<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Update(
        int id, ArticleRequest request, CmsDbContext db, SummaryService summaries, TimeProvider time, LinkGenerator links, HttpContext http,
        CancellationToken cancellationToken)
    {
        var article = await ArticleLookup.LoadAsync(db, id, tracking: true, cancellationToken);
        if (article is null)
        {
            return ArticleLookup.NotFound(id);
        }

        if (ArticleAccess.RefuseChange(http, article) is { } refused)
        {
            return refused;
        }

        if (!ETags.PreconditionHolds(http, db, article, article.Version))
        {
            return Problems.PreconditionFailed();
        }

        // The unchanged body of an old row is rendered too: every write leaves the article with its HTML.
        var (body, refusal) = await MarkdownRenderer.RenderAsync(request.Body, cancellationToken);
        if (body is null)
        {
            return Problems.Invalid("body", refusal!);
        }

        var now = time.UtcNow();
        var wasVisible = ContentEvents.IsVisible(article, now);
        var oldSlug = article.Slug;
        var oldSummary = article.Summary?.Text;
        if (article.CategoryId != request.CategoryId)
        {
            var category = await db.Categories.AsTracking().FirstOrDefaultAsync(c => c.Id == request.CategoryId, cancellationToken);
            if (category is null)
            {
                return Problems.Invalid("categoryId", $"There is no category with id {request.CategoryId}.");
            }

            article.MoveTo(category);
        }

        if (request.Slug is { } slug && slug != article.Slug)
        {
            if (await db.Articles.IsTakenAsync(slug, cancellationToken))
            {
                return SlugTaken(slug);
            }

            await Slugs.RetireAsync(db, article, slug, now, cancellationToken);
        }

        article.Title = request.Title.Trim();
        article.Author = Blank(request.Author);
        article.FeaturedImageUrl = request.FeaturedImageUrl;
        article.Revise(body, request.Summary, summaries, now);
        article.Touch(now);
        RecordUpdate(http, article, now, wasVisible, oldSlug, oldSummary);
        await db.SaveChangesAsync(cancellationToken);
        return Respond(http, links, article, now);
    }
}
