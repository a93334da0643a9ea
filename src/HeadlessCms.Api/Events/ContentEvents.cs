using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using HeadlessCms.Data.Categories;
using HeadlessCms.Data.Events;
using Microsoft.AspNetCore.Http.Extensions;

namespace HeadlessCms.Api.Events;

/// <summary>
/// Adds content events to the context next to the change, so the caller's SaveChanges writes both in one
/// transaction (the outbox). Nothing is written if the change is not saved.
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
    public static void Article(CmsDbContext db, HttpContext? http, string type, Article article, DateTime now, bool wasVisible,
        string? previousSlug = null, bool deleted = false)
    {
        var visible = !deleted && IsVisible(article, now);
        var path = visible ? ArticlePath(article.Slug) : null;
        var data = new ArticleEventData(article.Id, article.Slug, previousSlug, article.Category?.Slug, visible, Absolute(http, path));
        Add(db, http, type, now, JsonSerializer.Serialize(data, Json), "article", article.Id, article.Slug, path, inFeed: visible || wasVisible);
    }

    public static void Category(CmsDbContext db, HttpContext? http, string type, Category category, DateTime now, string? previousSlug = null, bool deleted = false)
    {
        var path = deleted ? null : CategoryPath(category.Slug);
        var data = new CategoryEventData(category.Id, category.Slug, previousSlug, !deleted, Absolute(http, path));
        // Every category is visible in delivery, so each of its changes is.
        Add(db, http, type, now, JsonSerializer.Serialize(data, Json), "category", category.Id, category.Slug, path, inFeed: true);
    }

    /// <summary>The scheduler's event: no request, so no actor, and the configured public base URL.</summary>
    public static void ScheduledPublication(CmsDbContext db, int id, string slug, string? categorySlug, DateTime now, string? publicBaseUrl)
    {
        var path = ArticlePath(slug);
        var url = publicBaseUrl is null ? path : publicBaseUrl.TrimEnd('/') + path;
        var data = new ArticleEventData(id, slug, null, categorySlug, true, url);
        Add(db, null, ContentEventTypes.ArticlePublished, now, JsonSerializer.Serialize(data, Json), "article", id, slug, path, inFeed: true);
    }

    private static void Add(CmsDbContext db, HttpContext? http, string type, DateTime now, string data,
        string subject, int subjectId, string slug, string? path, bool inFeed)
    {
        var user = http?.User;
        var keyId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        db.ContentEvents.Add(new ContentEvent
        {
            Id = Guid.CreateVersion7(),
            Type = type,
            OccurredAt = now,
            ActorKeyId = keyId is null ? null : int.Parse(keyId, CultureInfo.InvariantCulture),
            ActorName = keyId is null ? null : user!.FindFirstValue(ClaimTypes.Name),
            Data = data,
            InFeed = inFeed,
            Subject = subject,
            SubjectId = subjectId,
            SubjectSlug = slug,
            SubjectPath = path,
        });
    }

    private static string? Absolute(HttpContext? http, string? path) => path is null || http is null
        ? path
        : UriHelper.BuildAbsolute(http.Request.Scheme, http.Request.Host, http.Request.PathBase).TrimEnd('/') + path;

    private sealed record ArticleEventData(int Id, string Slug, string? PreviousSlug, string? Category, bool Visible, string? Url);

    private sealed record CategoryEventData(int Id, string Slug, string? PreviousSlug, bool Visible, string? Url);
}
