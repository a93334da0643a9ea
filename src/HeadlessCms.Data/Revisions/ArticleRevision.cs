using HeadlessCms.Data.Articles;

namespace HeadlessCms.Data.Revisions;

/// <summary>The editable fields and status of an article at one version.</summary>
public sealed record ArticleSnapshot(
    string Title,
    string Slug,
    string Body,
    int CategoryId,
    string? Author,
    string? FeaturedImageUrl,
    string? EditorSummary,
    ArticleStatus Status,
    DateTime? PublishedAt);

/// <summary>
/// An immutable copy of an article as one save left it, written in that save (see the API's RevisionRecorder) so a
/// change and its revision commit together. Deleted with its article.
/// </summary>
public sealed class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }

    /// <summary>The article's version after the change: its ETag then.</summary>
    public long Version { get; set; }

    public DateTime CreatedAt { get; set; }
    public int? CreatedByKeyId { get; set; }
    public string? CreatedByName { get; set; }

    public required string Title { get; set; }
    public required string Slug { get; set; }
    public required string Body { get; set; }
    public int CategoryId { get; set; }
    public string? Author { get; set; }
    public string? FeaturedImageUrl { get; set; }
    public string? EditorSummary { get; set; }
    public ArticleStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }

    public static ArticleRevision Of(Article article, DateTime now)
    {
        var s = article.Snapshot();
        return new ArticleRevision
        {
            Article = article,
            Version = article.Version,
            CreatedAt = now,
            CreatedByKeyId = article.UpdatedByKeyId,
            CreatedByName = article.UpdatedByName,
            Title = s.Title,
            Slug = s.Slug,
            Body = s.Body,
            CategoryId = s.CategoryId,
            Author = s.Author,
            FeaturedImageUrl = s.FeaturedImageUrl,
            EditorSummary = s.EditorSummary,
            Status = s.Status,
            PublishedAt = s.PublishedAt,
        };
    }

    public ArticleSnapshot Snapshot() => new(Title, Slug, Body, CategoryId, Author, FeaturedImageUrl, EditorSummary, Status, PublishedAt);
}
