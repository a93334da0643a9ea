namespace HeadlessCms.Data.Articles;

/// <summary>
/// What is stored. "Scheduled" is not stored: it is a published article whose publishedAt is still in the future,
/// so it becomes visible on time without a background job.
/// </summary>
public enum ArticleStatus
{
    Draft,
    Published,
    Archived,
}
