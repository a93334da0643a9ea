using System.ComponentModel.DataAnnotations;
using HeadlessCms.Data.Articles;

namespace HeadlessCms.Api.Summaries;

public sealed record SummaryArticleRef(string Slug, string Title);

/// <summary>The summary of a published article ("No time to read? Get a summary").</summary>
public sealed record ArticleSummaryResponse(SummaryArticleRef Article, string Text, [property: AllowedValues(SummarySourceNames.Editor, SummarySourceNames.Generated)] string Source, DateTime UpdatedAt);

public sealed record FeedCategory(string Slug, string Name);

public sealed record FeedArticle(int Id, string Slug, string Title, DateTime PublishedAt, FeedCategory Category, string Url);

/// <summary>One entry of the summaries digest.</summary>
public sealed record SummaryFeedItem(FeedArticle Article, string Text, [property: AllowedValues(SummarySourceNames.Editor, SummarySourceNames.Generated)] string Source);

/// <param name="Text">The editor's summary, 1-1,000 characters.</param>
public sealed record SummaryRequest(string Text);

/// <summary>A summary as editors see it: where it came from and whether the body changed since.</summary>
public sealed record ManagedSummaryResponse(int ArticleId, string Text, [property: AllowedValues(SummarySourceNames.Editor, SummarySourceNames.Generated)] string Source, string? Generator, int BodyVersion, bool Stale, DateTime UpdatedAt, bool Saved);
