using System.Text.Json.Nodes;
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
        var group = app.MapGroup("/api/v1/manage/articles/{id:int}/summary").WithManagement(ApiKeyAuthentication.AuthorPolicy)
            .WithTag("Summaries (management)", "Set, remove or generate an article's summary. Needs an API key.").WithETagOn<ManagedSummaryResponse>()
            .WithRequestExamples<SummaryRequest>(("Summary", new JsonObject { ["text"] = "The council approved the 2027 budget: longer library hours and more frequent buses." }));
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

    public static async Task<Results<Ok<ManagedSummaryResponse>, ProblemHttpResult>> Get(int id, CmsDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return ArticleLookup.NotFound(id);
        }

        // The article's ETag, which a PUT or DELETE of the summary takes in If-Match.
        ETags.Set(http, article.Version);
        return article.Summary is null
            ? Problems.NotFound($"Article {id} has no summary yet.")
            : TypedResults.Ok(ToResponse(article.Id, article.Summary!, article.IsSummaryStale, saved: true));
    }

    public static async Task<Results<Ok<ManagedSummaryResponse>, ValidationProblem, ProblemHttpResult>> Put(
        int id, SummaryRequest request, CmsDbContext db, SummaryService summaries, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var article = await ArticleLookup.FindForChangeAsync(db, id, cancellationToken);
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

        var now = time.UtcNow();
        article.SetEditorSummary(request.Text, now);
        article.Touch(now);
        RecordSummaryChanged(http, article, now);
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, article.Version);
        return TypedResults.Ok(ToResponse(article.Id, article.Summary!, article.IsSummaryStale, saved: true));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        int id, CmsDbContext db, SummaryService summaries, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var article = await ArticleLookup.FindForChangeAsync(db, id, cancellationToken);
        if (article is null)
        {
            return ArticleLookup.NotFound(id);
        }

        if (ArticleAccess.RefuseChange(http, article) is { } refused)
        {
            return refused;
        }

        if (article.Summary is not { Source: SummarySource.Editor })
        {
            return Problems.NotFound($"Article {id} has no editor's summary to remove.");
        }

        if (!ETags.PreconditionHolds(http, db, article, article.Version))
        {
            return Problems.PreconditionFailed();
        }

        var now = time.UtcNow();
        article.RemoveEditorSummary(summaries, now);
        article.Touch(now);
        RecordSummaryChanged(http, article, now);
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, article.Version);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ManagedSummaryResponse>, ProblemHttpResult>> Generate(
        int id, bool? replace, CmsDbContext db, SummaryService summaries, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var article = await ArticleLookup.FindForChangeAsync(db, id, cancellationToken);
        if (article is null)
        {
            return ArticleLookup.NotFound(id);
        }

        var now = time.UtcNow();
        var generated = article.GenerateSummary(summaries, now);
        if (article.Summary is { Source: SummarySource.Editor } && replace != true)
        {
            // A preview: a generated summary is never stale. Nothing changed, so the ETag is the article's current one.
            ETags.Set(http, article.Version);
            return TypedResults.Ok(ToResponse(article.Id, generated, stale: false, saved: false));
        }

        if (ArticleAccess.RefuseChange(http, article) is { } refused)
        {
            return refused;
        }

        article.UseGeneratedSummary(generated);
        article.Touch(now);
        RecordSummaryChanged(http, article, now);
        await db.SaveChangesAsync(cancellationToken);
        ETags.Set(http, article.Version);
        return TypedResults.Ok(ToResponse(article.Id, article.Summary!, article.IsSummaryStale, saved: true));
    }

    private static void RecordSummaryChanged(HttpContext http, Article article, DateTime now) =>
        ContentEvents.Article(http, ContentEventTypes.ArticleSummaryChanged, article, now, ContentEvents.IsVisible(article, now));

    private static ManagedSummaryResponse ToResponse(int articleId, ArticleSummary summary, bool stale, bool saved) =>
        new(articleId, summary.Text, SummarySourceNames.Of(summary.Source), summary.Generator, summary.BodyVersion, stale, summary.UpdatedAt, saved);
}
