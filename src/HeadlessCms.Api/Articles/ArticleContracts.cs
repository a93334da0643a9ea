using System.ComponentModel.DataAnnotations;
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
    SelfLink Links);

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

public sealed record ManagedSummary(string Text, [property: AllowedValues(SummarySourceNames.Editor, SummarySourceNames.Generated)] string Source, string? Generator, bool Stale, DateTime UpdatedAt);

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
    SelfLink Links);

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
    SelfLink Links);
