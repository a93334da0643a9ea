namespace HeadlessCms.Data.Articles;

/// <summary>The editorial workflow's part of an article: who wrote and changed it, the review flag, and its snapshot.</summary>
public sealed partial class Article
{
    /// <summary>The API key that created the article (its owner for the author role) and the one that changed it last.
    /// Kept as id and name, not a foreign key: revoking a key must not orphan or delete its articles.</summary>
    public int? CreatedByKeyId { get; private set; }
    public string? CreatedByName { get; private set; }
    public int? UpdatedByKeyId { get; private set; }
    public string? UpdatedByName { get; private set; }

    /// <summary>Submitted for review by its writer; publishing clears it.</summary>
    public bool ReadyForReview { get; private set; }
    public string? ReviewNote { get; private set; }

    /// <summary>Marks a draft ready for an editor's review; only drafts can be submitted.</summary>
    public bool Submit(string? note)
    {
        if (Status != ArticleStatus.Draft)
        {
            return false;
        }

        ReadyForReview = true;
        ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return true;
    }

    /// <summary>Who made the change being saved (null: the system, e.g. the demo seeder); the first one owns it.</summary>
    public void StampActor(int? keyId, string? name, bool created)
    {
        if (created)
        {
            CreatedByKeyId = keyId;
            CreatedByName = name;
        }

        UpdatedByKeyId = keyId;
        UpdatedByName = name;
    }

    /// <summary>The fields a revision holds, as they are now.</summary>
    public Revisions.ArticleSnapshot Snapshot() => new(Title, Slug, Body, CategoryId, Author, FeaturedImageUrl,
        Summary is { Source: SummarySource.Editor } s ? s.Text : null, Status, PublishedAt);
}
