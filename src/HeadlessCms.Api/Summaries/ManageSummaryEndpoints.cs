using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Articles;
using HeadlessCms.Api.Events;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Summaries;

/// <summary>Editors set, remove and (re)generate an article's summary.</summary>
public static class ManageSummaryEndpoints
{
    public static void MapManageSummaries(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/articles/{id:int}/summary").WithTags("Summaries (management)").WithManagement(ApiKeyAuthentication.EditorPolicy);
        group.MapGet("/", Get).WithName("GetManagedSummary").WithSummary("Get an article's summary, with its source and staleness")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/", Put).WithName("SetSummary").WithSummary("Set the editor's summary")
            .WithDescription("An editor's summary always wins over a generated one. Honours If-Match (the article's ETag).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/", Delete).WithName("DeleteSummary").WithSummary("Remove the editor's summary")
            .WithDescription("A published article gets a generated summary back at once.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/generate", Generate).WithName("GenerateSummary").WithSummary("Generate a summary now")
            .WithDescription("Works for drafts too (a preview). Stored unless the article has an editor's summary; replace=true overwrites that too. The response says whether it was saved.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<ManagedSummaryResponse>, ProblemHttpResult>> Get(int id, CmsDbContext db, CancellationToken cancellationToken)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return ManageArticleEndpoints.ArticleNotFound(id);
        }

        return article.Summary is null
            ? Problems.NotFound($"Article {id} has no summary yet.")
            : TypedResults.Ok(ToResponse(article, saved: true));
    }

    public static async Task<Results<Ok<ManagedSummaryResponse>, ValidationProblem, ProblemHttpResult>> Put(
        int id, SummaryRequest request, CmsDbContext db, SummaryService summaries, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsTracking().Include(a => a.Category).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return ManageArticleEndpoints.ArticleNotFound(id);
        }

        if (!ETags.PreconditionHolds(http, db, article, article.Version))
        {
            return Problems.PreconditionFailed();
        }

        article.Summary = summaries.FromEditor(article, request.Text);
        RecordSummaryChanged(http, article, time);
        await db.SaveChangesAsync(cancellationToken);
        ManageArticleEndpoints.SetETag(http, article);
        return TypedResults.Ok(ToResponse(article, saved: true));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        int id, CmsDbContext db, SummaryService summaries, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsTracking().Include(a => a.Category).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return ManageArticleEndpoints.ArticleNotFound(id);
        }

        if (article.Summary is not { Source: SummarySource.Editor })
        {
            return Problems.NotFound($"Article {id} has no editor's summary to remove.");
        }

        if (!ETags.PreconditionHolds(http, db, article, article.Version))
        {
            return Problems.PreconditionFailed();
        }

        article.Summary = null;
        summaries.Refresh(article);
        RecordSummaryChanged(http, article, time);
        await db.SaveChangesAsync(cancellationToken);
        ManageArticleEndpoints.SetETag(http, article);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ManagedSummaryResponse>, ProblemHttpResult>> Generate(
        int id, bool? replace, CmsDbContext db, SummaryService summaries, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsTracking().Include(a => a.Category).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return ManageArticleEndpoints.ArticleNotFound(id);
        }

        var generated = summaries.Generate(article);
        if (article.Summary is { Source: SummarySource.Editor } && replace != true)
        {
            var preview = new Article { Title = article.Title, Slug = article.Slug, Body = article.Body, BodyVersion = article.BodyVersion, Summary = generated };
            return TypedResults.Ok(ToResponse(preview, saved: false) with { ArticleId = article.Id });
        }

        article.Summary = generated;
        RecordSummaryChanged(http, article, time);
        await db.SaveChangesAsync(cancellationToken);
        ManageArticleEndpoints.SetETag(http, article);
        return TypedResults.Ok(ToResponse(article, saved: true));
    }

    private static void RecordSummaryChanged(HttpContext http, Article article, TimeProvider time)
    {
        var now = time.UtcNow();
        var visible = ContentEvents.IsVisible(article, now);
        ContentEvents.Article(http, ContentEventTypes.ArticleSummaryChanged, article, now, visible);
        article.Touch(now);
    }

    private static ManagedSummaryResponse ToResponse(Article article, bool saved)
    {
        var summary = article.Summary!;
        return new ManagedSummaryResponse(article.Id, summary.Text, summary.Source == SummarySource.Editor ? "editor" : "generated",
            summary.Generator, summary.BodyVersion, article.IsSummaryStale, summary.UpdatedAt, saved);
    }
}
