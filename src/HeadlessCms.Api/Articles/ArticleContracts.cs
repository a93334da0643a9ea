using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Data.Articles;

namespace HeadlessCms.Api.Articles;

// ---- Delivery ----

public sealed record CategoryRef(int Id, string Slug, string Name);

/// <summary>An article in a delivery list.</summary>
public sealed record ArticleListItem(
    int Id,
    string Slug,
    string Title,
    string? Author,
    CategoryRef Category,
    DateTime PublishedAt,
    DateTime UpdatedAt,
    int ReadingTimeMinutes,
    string? FeaturedImageUrl,
    string? Summary,
    SelfLink Links)
{
    /// <summary>The list item, computed by the database; <paramref name="itemUrlPrefix"/> + slug is its URL.</summary>
    public static Expression<Func<Article, ArticleListItem>> Projection(string itemUrlPrefix) => a => new ArticleListItem(
        a.Id,
        a.Slug,
        a.Title,
        a.Author,
        new CategoryRef(a.Category!.Id, a.Category.Slug, a.Category.Name),
        a.PublishedAt!.Value,
        a.UpdatedAt,
        Words.ReadingMinutes(a.WordCount),
        a.FeaturedImageUrl,
        a.Summary != null ? a.Summary.Text : null,
        new SelfLink(itemUrlPrefix + a.Slug));
}

public sealed record SummaryRef(string Text, [property: AllowedValues(SummarySourceNames.Editor, SummarySourceNames.Generated)] string Source);

public sealed record ArticleLinks(string Self, string Summary, string Category);

public sealed record Neighbour(string Slug, string Title, DateTime PublishedAt, string Url);

/// <summary>The visible articles published immediately before and after, in (publishedAt, id) order.</summary>
public sealed record Navigation(Neighbour? Previous, Neighbour? Next);

/// <summary>A published article, as a reader's page shows it.</summary>
public sealed record ArticleDetail(
    int Id,
    string Slug,
    string Title,
    string? Author,
    CategoryRef Category,
    DateTime PublishedAt,
    DateTime UpdatedAt,
    int ReadingTimeMinutes,
    string? FeaturedImageUrl,
    string Body,
    string BodyHtml,
    SummaryRef? Summary,
    ArticleLinks Links,
    Navigation Navigation);

// ---- Management ----

/// <param name="Title">1-200 characters.</param>
/// <param name="Slug">Optional; made from the title when omitted. Lower-case letters, digits and single hyphens, at most 100 characters.</param>
/// <param name="Body">Markdown, at most 200,000 characters.</param>
/// <param name="CategoryId">An existing category.</param>
/// <param name="Author">Optional byline, at most 100 characters.</param>
/// <param name="FeaturedImageUrl">Optional absolute http(s) URL, at most 2,048 characters.</param>
/// <param name="Summary">Optional editor's summary, at most 1,000 characters; replaces a generated one.</param>
public sealed record ArticleRequest(
    string Title,
    string? Slug,
    string Body,
    int CategoryId,
    string? Author,
    string? FeaturedImageUrl,
    string? Summary);

/// <param name="PublishAt">Optional. A future time schedules the article; a past time backdates it. Default: now.</param>
public sealed record PublishRequest(DateTimeOffset? PublishAt);

public sealed record ManagedSummary(string Text, [property: AllowedValues(SummarySourceNames.Editor, SummarySourceNames.Generated)] string Source, string? Generator, bool Stale, DateTime UpdatedAt)
{
    public static ManagedSummary? From(Article article) => article.Summary is { } s
        ? new ManagedSummary(s.Text, SummarySourceNames.Of(s.Source), s.Generator, article.IsSummaryStale, s.UpdatedAt)
        : null;
}

/// <summary>An article as editors see it: every status, the body and the concurrency version.</summary>
public sealed record ManagedArticle(
    int Id,
    string Title,
    string Slug,
    string Body,
    string? Author,
    string? FeaturedImageUrl,
    CategoryRef Category,
    [property: AllowedValues(ArticleStatusNames.Draft, ArticleStatusNames.Scheduled, ArticleStatusNames.Published, ArticleStatusNames.Archived)] string Status,
    DateTime? PublishedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    long Version,
    ManagedSummary? Summary,
    IReadOnlyList<string> FormerSlugs,
    Actor? CreatedBy,
    Actor? UpdatedBy,
    bool ReadyForReview,
    string? ReviewNote,
    SelfLink Links)
{
    /// <param name="article">Loaded with its category and former slugs.</param>
    /// <param name="now">Decides between scheduled and published.</param>
    /// <param name="itemUrlPrefix">+ id is the article's management URL.</param>
    public static ManagedArticle From(Article article, DateTime now, string itemUrlPrefix) => new(
        article.Id,
        article.Title,
        article.Slug,
        article.Body,
        article.Author,
        article.FeaturedImageUrl,
        new CategoryRef(article.CategoryId, article.Category!.Slug, article.Category.Name),
        ArticleStatusNames.Of(article.Status, article.PublishedAt, now),
        article.PublishedAt,
        article.CreatedAt,
        article.UpdatedAt,
        article.Version,
        ManagedSummary.From(article),
        article.FormerSlugs.OrderBy(f => f.RetiredAt).Select(f => f.Slug).ToList(),
        Actor.Of(article.CreatedByKeyId, article.CreatedByName),
        Actor.Of(article.UpdatedByKeyId, article.UpdatedByName),
        article.ReadyForReview,
        article.ReviewNote,
        new SelfLink(itemUrlPrefix + article.Id));
}

/// <summary>An article in a management list.</summary>
public sealed record ManagedArticleListItem(
    int Id,
    string Title,
    string Slug,
    string? Author,
    CategoryRef Category,
    [property: AllowedValues(ArticleStatusNames.Draft, ArticleStatusNames.Scheduled, ArticleStatusNames.Published, ArticleStatusNames.Archived)] string Status,
    DateTime? PublishedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    long Version,
    bool HasSummary,
    Actor? CreatedBy,
    Actor? UpdatedBy,
    bool ReadyForReview,
    SelfLink Links)
{
    public static Expression<Func<Article, ManagedArticleListItem>> Projection(DateTime now, string itemUrlPrefix) => a => new ManagedArticleListItem(
        a.Id, a.Title, a.Slug, a.Author,
        new CategoryRef(a.Category!.Id, a.Category.Slug, a.Category.Name),
        ArticleStatusNames.Of(a.Status, a.PublishedAt, now),
        a.PublishedAt, a.CreatedAt, a.UpdatedAt, a.Version, a.Summary != null,
        a.CreatedByKeyId == null ? null : new Actor(a.CreatedByKeyId.Value, a.CreatedByName ?? ""),
        a.UpdatedByKeyId == null ? null : new Actor(a.UpdatedByKeyId.Value, a.UpdatedByName ?? ""),
        a.ReadyForReview,
        new SelfLink(itemUrlPrefix + a.Id));
}
