namespace HeadlessCms.Api.Summaries;

public interface ISummarizer
{
    string Name { get; }

    string Summarize(string markdownBody);
}
