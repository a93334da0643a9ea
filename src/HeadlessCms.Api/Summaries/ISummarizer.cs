namespace HeadlessCms.Api.Summaries;

/// <summary>Makes a summary of an article body. Behind an interface so that another summarizer (a language model, say) can be configured later.</summary>
public interface ISummarizer
{
    /// <summary>Recorded with every generated summary, e.g. "extractive-pacsum/2".</summary>
    string Name { get; }

    /// <summary>The summary of a Markdown body; empty when the body has no sentences.</summary>
    string Summarize(string markdownBody);
}
