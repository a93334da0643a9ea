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

/// <summary>Deleting an article and moving it between statuses (publish, schedule, unpublish, archive).</summary>
public static partial class ManageArticleEndpoints
{
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, CmsDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
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
        ContentEvents.Article(http, ContentEventTypes.ArticleDeleted, article, now, ContentEvents.IsVisible(article, now), deleted: true);
        db.Articles.Remove(article);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Publish(
        int id, [FromBody] PublishRequest? request, CmsDbContext db, SummaryService summaries, TimeProvider time, LinkGenerator links, HttpContext http,
        CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        return await Transition(id, db, time, links, http, article =>
        {
            var publishAt = request?.PublishAt is { } at ? Clock.Truncate(at.UtcDateTime) : (DateTime?)null;
            return article.Publish(publishAt, now, summaries)
                // A scheduled article is announced (article.published) by the scheduler when its time comes.
                ? ContentEventTypes.ArticlePublished
                : ContentEventTypes.ArticleScheduled;
        }, cancellationToken);
    }

    public static Task<Results<Ok<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Unpublish(
        int id, CmsDbContext db, TimeProvider time, LinkGenerator links, HttpContext http, CancellationToken cancellationToken) =>
        Transition(id, db, time, links, http, article =>
        {
            article.Unpublish();
            return ContentEventTypes.ArticleUnpublished;
        }, cancellationToken);

    public static Task<Results<Ok<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Archive(
        int id, CmsDbContext db, TimeProvider time, LinkGenerator links, HttpContext http, CancellationToken cancellationToken) =>
        Transition(id, db, time, links, http, article =>
        {
            article.Archive();
            return ContentEventTypes.ArticleArchived;
        }, cancellationToken);

    private static async Task<Results<Ok<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Transition(
        int id, CmsDbContext db, TimeProvider time, LinkGenerator links, HttpContext http, Func<Article, string> change, CancellationToken cancellationToken)
    {
        var article = await ArticleLookup.LoadAsync(db, id, tracking: true, cancellationToken);
        if (article is null)
        {
            return ArticleLookup.NotFound(id);
        }

        if (!ETags.PreconditionHolds(http, db, article, article.Version))
        {
            return Problems.PreconditionFailed();
        }

        var now = time.UtcNow();
        var wasVisible = ContentEvents.IsVisible(article, now);
        var type = change(article);
        ContentEvents.Article(http, type, article, now, wasVisible);
        article.Touch(now);
        await db.SaveChangesAsync(cancellationToken);
        return Respond(http, links, article, now);
    }

    internal static string ItemUrlPrefix(LinkGenerator links, HttpContext http) => links.Prefix(http, GetByIdName, "id");

    internal static Ok<ManagedArticle> Respond(HttpContext http, LinkGenerator links, Article article, DateTime now)
    {
        ETags.Set(http, article.Version);
        return TypedResults.Ok(ManagedArticle.From(article, now, ItemUrlPrefix(links, http)));
    }

    internal static void RecordUpdate(HttpContext http, Article article, DateTime now, bool wasVisible, string oldSlug, string? oldSummary)
    {
        ContentEvents.Article(http, ContentEventTypes.ArticleUpdated, article, now, wasVisible);
        if (article.Slug != oldSlug)
        {
            ContentEvents.Article(http, ContentEventTypes.ArticleSlugChanged, article, now, wasVisible, previousSlug: oldSlug);
        }

        if (article.Summary?.Text != oldSummary)
        {
            ContentEvents.Article(http, ContentEventTypes.ArticleSummaryChanged, article, now, wasVisible);
        }
    }

    private static ProblemHttpResult SlugTaken(string slug) => Problems.Conflict($"The slug '{slug}' is already used by another article.");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
