namespace HeadlessCms.Data.Articles;

/// <summary>A slug an article used to have, kept so its old URL can redirect to the new one.</summary>
public sealed class FormerSlug
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public int ArticleId { get; set; }
    public DateTime RetiredAt { get; set; }
}
