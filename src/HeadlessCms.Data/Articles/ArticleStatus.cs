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

/// <summary>The status names the API shows (and the database stores, lower-case): the one list of them.</summary>
public static class ArticleStatusNames
{
    public const string Draft = "draft";
    public const string Scheduled = "scheduled";
    public const string Published = "published";
    public const string Archived = "archived";

    public static readonly IReadOnlyList<string> All = [Draft, Scheduled, Published, Archived];

    /// <summary>The status a reader of the management API sees: a published article not yet due is scheduled.</summary>
    public static string Of(ArticleStatus status, DateTime? publishedAt, DateTime now) => status switch
    {
        ArticleStatus.Draft => Draft,
        ArticleStatus.Archived => Archived,
        _ => publishedAt > now ? Scheduled : Published,
    };
}
