namespace HeadlessCms.Data.Articles;

public enum SummarySource
{
    Editor,
    Generated,
}

public sealed class ArticleSummary
{
    public required string Text { get; set; }
    public SummarySource Source { get; set; }

    /// <summary>Name and version of the summarizer for a generated summary, e.g. "textrank/1"; null for an editor's.</summary>
    public string? Generator { get; set; }

    /// <summary>The article's <see cref="Article.BodyVersion"/> this summary was made from.</summary>
    public int BodyVersion { get; set; }

    public DateTime UpdatedAt { get; set; }
}
