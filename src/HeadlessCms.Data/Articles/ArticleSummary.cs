namespace HeadlessCms.Data.Articles;

public enum SummarySource
{
    Editor,
    Generated,
}

/// <summary>The summary source names the API shows.</summary>
public static class SummarySourceNames
{
    public const string Editor = "editor";
    public const string Generated = "generated";

    public static string Of(SummarySource source) => source == SummarySource.Editor ? Editor : Generated;
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

/// <summary>What an article needs from a summarizer; the API supplies it, so the rule of when to summarize stays with
/// <see cref="Article"/>.</summary>
public interface IArticleSummarizer
{
    /// <summary>Name and version, stored with each generated summary; a new one makes published articles re-summarize.</summary>
    string Name { get; }

    /// <summary>The summary text of the article as it is now; never empty.</summary>
    string Summarize(Article article);
}
