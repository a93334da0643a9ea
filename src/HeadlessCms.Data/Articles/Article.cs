using HeadlessCms.Data.Categories;
using HeadlessCms.Data.Events;

namespace HeadlessCms.Data.Articles;

public sealed class Article : IRecordsContentEvents
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public required string Body { get; set; }
    public string? Author { get; set; }
    public string? FeaturedImageUrl { get; set; }
    public int CategoryId { get; set; }
    public Category? Category { get; set; }
    public ArticleStatus Status { get; set; }

    /// <summary>When the article becomes visible; a future value means scheduled.</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>
    /// Whether article.published has been emitted for the current publication. False while scheduled: the scheduler
    /// claims the flag with a conditional UPDATE, so exactly one instance emits the event when the time comes.
    /// </summary>
    public bool PublishAnnounced { get; set; } = true;

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic-concurrency token, bumped on every change; served as the ETag.</summary>
    public long Version { get; set; } = 1;

    /// <summary>Words in the body, kept so lists can show reading time without reading bodies.</summary>
    public int WordCount { get; set; }

    /// <summary>Bumped whenever the body changes, so a summary can tell which body it was made from.</summary>
    public int BodyVersion { get; set; } = 1;

    /// <summary>Stored in the article's own row: lists and full-text search read it without a join.</summary>
    public ArticleSummary? Summary { get; set; }

    public List<FormerSlug> FormerSlugs { get; } = [];

    public bool IsSummaryStale => Summary is { } s && s.Source == SummarySource.Editor && s.BodyVersion != BodyVersion;

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Content events recorded by this change, written with it by CmsDbContext.SaveChangesAsync.</summary>
    public List<Func<ContentEvent>> PendingEvents { get; } = [];
}
