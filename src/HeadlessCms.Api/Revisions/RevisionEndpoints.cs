using FluentValidation;
using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Articles;
using HeadlessCms.Api.Events;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Api.Summaries;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using HeadlessCms.Data.Revisions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Revisions;

/// <summary>An article's history: every saved version, a diff between two, and restoring one as a new version.</summary>
public static class RevisionEndpoints
{
    public const string GetName = "GetArticleRevision";

    private static readonly SortOptions<ArticleRevision> Sorts = new("-createdAt",
        SortKey.For<ArticleRevision, DateTime>("createdAt", r => r.CreatedAt, r => r.Id));

    public static void MapRevisions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/articles/{id:int}/revisions").WithManagement(ApiKeyAuthentication.AuthorPolicy)
            .WithTag("Revisions (management)", "Every saved version of an article: list, read, compare and restore. Needs an API key; authors restore only their own drafts.")
            .WithETagOn<ManagedArticle>();
        group.MapGet("/", List).WithName("ListArticleRevisions").WithSummary("List an article's revisions, newest first")
            .WithDescription("One per saved version (every edit and status change); items leave out the body.")
            .WithSortValues(Sorts).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{version:long}", Get).WithName(GetName).WithSummary("Get one revision's full snapshot")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{version:long}/diff", Diff).WithName("DiffArticleRevisions").WithSummary("Compare a revision with another")
            .WithDescription("`against` names the other version (the \"from\" side). Lists the fields that differ; the body as a unified line diff.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{version:long}/restore", Restore).WithName("RestoreArticleRevision").WithSummary("Restore a revision as a new version")
            .WithDescription("Needs If-Match with the article's current ETag (412 if stale, 428 if missing). Writes the snapshot's title, slug, body, category, author, featured image and editor's summary as a new version; the status does not change. Slug rules and validation apply (409 when the slug is now another article's).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    public static async Task<Results<Ok<Paged<RevisionListItem>>, ValidationProblem, ProblemHttpResult>> List(
        int id, [AsParameters] PageQuery paging, CmsDbContext db, Pager pager, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return ArticleLookup.NotFound(id);
        }

        var page = pager.Parse(http.Request, paging, Sorts);
        if (page.Request is not { } request)
        {
            return Problems.Invalid(page.Errors);
        }

        // A revision's URL is this + its version ("0" is a stand-in the route accepts).
        var prefix = links.Of(http, GetName, new { id, version = 0 })[..^1];
        var query = db.ArticleRevisions.Where(r => r.ArticleId == id);
        return TypedResults.Ok(await pager.PageAsync(http, query, request, RevisionListItem.Projection(prefix), cancellationToken));
    }

    public static async Task<Results<Ok<RevisionDetail>, ProblemHttpResult>> Get(int id, long version, CmsDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(db, id, version, cancellationToken) is { } revision ? TypedResults.Ok(RevisionDetail.From(revision)) : NotFound(id, version);

    public static async Task<Results<Ok<RevisionDiff>, ValidationProblem, ProblemHttpResult>> Diff(
        int id, long version, long? against, CmsDbContext db, CancellationToken cancellationToken)
    {
        if (against is not { } other)
        {
            return Problems.Invalid("against", "against is required: the version to compare with.");
        }

        var to = await FindAsync(db, id, version, cancellationToken);
        var from = await FindAsync(db, id, other, cancellationToken);
        if (to is null || from is null)
        {
            return NotFound(id, to is null ? version : other);
        }

        var a = from.Snapshot();
        var b = to.Snapshot();
        var changes = new List<FieldChange>();
        void Compare(string field, string? x, string? y)
        {
            if (x != y)
            {
                changes.Add(new FieldChange(field, x, y));
            }
        }

        var statusA = RevisionDetail.From(from);
        var statusB = RevisionDetail.From(to);
        Compare("title", a.Title, b.Title);
        Compare("slug", a.Slug, b.Slug);
        Compare("categoryId", a.CategoryId.ToString(System.Globalization.CultureInfo.InvariantCulture), b.CategoryId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("author", a.Author, b.Author);
        Compare("featuredImageUrl", a.FeaturedImageUrl, b.FeaturedImageUrl);
        Compare("summary", a.EditorSummary, b.EditorSummary);
        Compare("status", statusA.Status, statusB.Status);
        Compare("publishedAt", a.PublishedAt?.ToString("O"), b.PublishedAt?.ToString("O"));
        var body = UnifiedDiff.Of(a.Body, b.Body, $"version {other}", $"version {version}");
        return TypedResults.Ok(new RevisionDiff(version, other, changes, body));
    }

    public static async Task<Results<Ok<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Restore(
        int id, long version, CmsDbContext db, SummaryService summaries, IValidator<ArticleRequest> validator, TimeProvider time,
        LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
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

        if (http.Request.Headers.IfMatch.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "Precondition required",
                detail: "Restoring needs If-Match with the article's current ETag, so a restore never overwrites a change you have not seen.");
        }

        if (!ETags.PreconditionHolds(http, db, article, article.Version))
        {
            return Problems.PreconditionFailed();
        }

        if (await FindAsync(db, id, version, cancellationToken) is not { } revision)
        {
            return NotFound(id, version);
        }

        var s = revision.Snapshot();
        var request = new ArticleRequest(s.Title, s.Slug, s.Body, s.CategoryId, s.Author, s.FeaturedImageUrl, s.EditorSummary);
        if (validator.Validate(request) is { IsValid: false } invalid)
        {
            return TypedResults.ValidationProblem(invalid.ToDictionary(), detail: $"Revision {version} no longer passes validation; see errors.");
        }

        // The snapshot's Markdown is rendered again (the renderer's limits apply as they do to any write).
        var (body, refusal) = await MarkdownRenderer.RenderAsync(s.Body, cancellationToken);
        if (body is null)
        {
            return Problems.Invalid("body", $"Revision {version}'s body can no longer be rendered: {refusal}");
        }

        var now = time.UtcNow();
        var wasVisible = ContentEvents.IsVisible(article, now);
        var oldSlug = article.Slug;
        var oldSummary = article.Summary?.Text;
        if (s.CategoryId != article.CategoryId)
        {
            var category = await db.Categories.AsTracking().FirstOrDefaultAsync(c => c.Id == s.CategoryId, cancellationToken);
            if (category is null)
            {
                return Problems.Invalid("categoryId", $"Revision {version}'s category (id {s.CategoryId}) no longer exists.");
            }

            article.MoveTo(category);
        }

        if (s.Slug != article.Slug)
        {
            if (await db.Articles.IsTakenAsync(s.Slug, cancellationToken))
            {
                return Problems.Conflict($"Revision {version}'s slug '{s.Slug}' is now used by another article.");
            }

            await Slugs.RetireAsync(db, article, s.Slug, now, cancellationToken);
        }

        article.Title = s.Title;
        article.Author = s.Author;
        article.FeaturedImageUrl = s.FeaturedImageUrl;
        article.Revise(body, s.EditorSummary, summaries, now);
        if (s.EditorSummary is null && article.Summary is { Source: SummarySource.Editor })
        {
            article.RemoveEditorSummary(summaries, now);
        }

        article.Touch(now);
        ManageArticleEndpoints.RecordUpdate(http, article, now, wasVisible, oldSlug, oldSummary);
        await db.SaveChangesAsync(cancellationToken);
        return ManageArticleEndpoints.Respond(http, links, article, now);
    }

    private static Task<ArticleRevision?> FindAsync(CmsDbContext db, int id, long version, CancellationToken cancellationToken) =>
        db.ArticleRevisions.FirstOrDefaultAsync(r => r.ArticleId == id && r.Version == version, cancellationToken);

    private static ProblemHttpResult NotFound(int id, long version) =>
        Problems.NotFound($"Article {id} has no revision {version} (it may not exist, or was pruned).");
}
