namespace HeadlessCms.Api.Events;

/// <summary>Every event type, named explicitly (receivers filter on these strings).</summary>
public static class ContentEventTypes
{
    public const string ArticleCreated = "article.created";
    public const string ArticleUpdated = "article.updated";

    /// <summary>A draft submitted for review (POST .../submit): the editors' cue; not in the changes feed (a draft).</summary>
    public const string ArticleSubmitted = "article.submitted";
    public const string ArticlePublished = "article.published";
    public const string ArticleScheduled = "article.scheduled";
    public const string ArticleUnpublished = "article.unpublished";
    public const string ArticleArchived = "article.archived";
    public const string ArticleDeleted = "article.deleted";
    public const string ArticleSlugChanged = "article.slug_changed";
    public const string ArticleSummaryChanged = "article.summary_changed";
    public const string CategoryCreated = "category.created";
    public const string CategoryUpdated = "category.updated";
    public const string CategoryDeleted = "category.deleted";

    /// <summary>Sent by POST /webhooks/{id}/ping only; never stored as a content event.</summary>
    public const string Ping = "ping";

    public static readonly string[] All =
    [
        ArticleCreated, ArticleUpdated, ArticleSubmitted, ArticlePublished, ArticleScheduled, ArticleUnpublished, ArticleArchived,
        ArticleDeleted, ArticleSlugChanged, ArticleSummaryChanged, CategoryCreated, CategoryUpdated, CategoryDeleted,
    ];
}
