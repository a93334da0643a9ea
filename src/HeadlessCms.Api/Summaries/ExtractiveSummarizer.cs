namespace HeadlessCms.Api.Summaries;

// Placeholder until the real summarizer lands.
public sealed class ExtractiveSummarizer(int maxSentences = 3, int maxWords = 60) : ISummarizer
{
    public string Name => "placeholder/0";

    public string Summarize(string markdownBody) =>
        string.Join(' ', markdownBody.Split(". ").Take(maxSentences)).Split(' ').Take(maxWords).Aggregate(string.Empty, (a, b) => a.Length == 0 ? b : a + " " + b);
}
