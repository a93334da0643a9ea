using System.Text.Json;
using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using HeadlessCms.Data.Categories;
using HeadlessCms.Data.Events;
using Microsoft.AspNetCore.Http.Extensions;

namespace HeadlessCms.Api.Events;

/// <summary>
/// Records content events on the entity that changes; the caller's SaveChanges writes them in the same transaction
/// as the change (the outbox), built at the save, once the change's id is known, so they carry that id and the final slug. Nothing is
/// written if the change is not saved. The actor is the request's API key (<see cref="Actor"/>), the same one
/// that stamps createdBy/updatedBy and revisions; each event is also the audit trail's entry (see CmsDbContext).
/// </summary>
public static class ContentEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string ArticlePath(string slug) => "/api/v1/articles/" + slug;

    public static string CategoryPath(string slug) => "/api/v1/categories/" + slug;

    /// <summary>Visible in the delivery API at <paramref name="now"/>.</summary>
    public static bool IsVisible(Article article, DateTime now) =>
        article.Status == ArticleStatus.Published && article.PublishedAt <= now;

    /// <summary>Records an article event. <paramref name="wasVisible"/>: visible in delivery before the change.</summary>
    public static void Article(HttpContext? http, string type, Article article, DateTime now, bool wasVisible,
        string? previousSlug = null, bool deleted = false)
    {
        var actor = Actor.Of(http);
        var origin = Origin(http);
        article.PendingEvents.Add(() =>
        {
            var visible = !deleted && IsVisible(article, now);
            var path = visible ? ArticlePath(article.Slug) : null;
            var data = new ArticleEventData(article.Id, article.Slug, previousSlug, article.Category?.Slug, visible, path is null ? null : origin + path);
            return New(actor, type, now, JsonSerializer.Serialize(data, Json), "article", article.Id, article.Slug, path, inFeed: visible || wasVisible);
        });
    }

    public static void Category(HttpContext? http, string type, Category category, DateTime now, string? previousSlug = null, bool deleted = false)
    {
        var actor = Actor.Of(http);
        var origin = Origin(http);
        category.PendingEvents.Add(() =>
        {
            var path = deleted ? null : CategoryPath(category.Slug);
            var data = new CategoryEventData(category.Id, category.Slug, previousSlug, !deleted, path is null ? null : origin + path);
            // Every category is visible in delivery, so each of its changes is.
            return New(actor, type, now, JsonSerializer.Serialize(data, Json), "category", category.Id, category.Slug, path, inFeed: true);
        });
    }

    /// <summary>The scheduler's event: no request, so no actor, and the configured public base URL.</summary>
    public static void ScheduledPublication(CmsDbContext db, int id, string slug, string? categorySlug, DateTime now, string? publicBaseUrl)
    {
        var path = ArticlePath(slug);
        var url = publicBaseUrl is null ? path : publicBaseUrl.TrimEnd('/') + path;
        var data = new ArticleEventData(id, slug, null, categorySlug, true, url);
        db.ContentEvents.Add(New(null, ContentEventTypes.ArticlePublished, now, JsonSerializer.Serialize(data, Json), "article", id, slug, path, inFeed: true));
    }

    private static ContentEvent New(Actor? actor, string type, DateTime now, string data, string subject, int subjectId, string slug, string? path, bool inFeed) => new()
    {
        Id = Guid.CreateVersion7(),
        Type = type,
        OccurredAt = now,
        ActorKeyId = actor?.KeyId,
        ActorName = actor?.Name,
        Data = data,
        InFeed = inFeed,
        Subject = subject,
        SubjectId = subjectId,
        SubjectSlug = slug,
        SubjectPath = path,
    };

    /// <summary>The delivery URLs' origin, from the request that made the change (null: the URL stays a path).</summary>
    private static string? Origin(HttpContext? http) => http is null
        ? null
        : UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase).TrimEnd('/');

    private sealed record ArticleEventData(int Id, string Slug, string? PreviousSlug, string? Category, bool Visible, string? Url);

    private sealed record CategoryEventData(int Id, string Slug, string? PreviousSlug, bool Visible, string? Url);
}
