using HeadlessCms.Api.Articles;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Infrastructure.Telemetry;
using HeadlessCms.Data.Articles;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Summaries;

public static class SummaryRegistration
{
    public static IServiceCollection AddSummaries(this IServiceCollection services)
    {
        services.AddSingleton<ISummarizer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CmsOptions>>().Value.Summaries;
            return new ExtractiveSummarizer(options.MaxSentences, options.MaxWords);
        });
        services.AddSingleton<SummaryService>();
        services.AddSummaryBackfill();
        return services;
    }
}

/// <summary>Turns the configured summarizer into summaries an article can store: never empty, never longer than the
/// column. When an article is summarized is the article's rule (<see cref="Article.RefreshSummary"/>).</summary>
public sealed class SummaryService(ISummarizer summarizer, CmsMetrics metrics) : IArticleSummarizer
{
    private const int MaxStoredLength = 2000;

    public string Name => summarizer.Name;

    /// <summary>The summary text of the article as it is now; never empty, so every published article has one.</summary>
    public string Summarize(Article article)
    {
        string text;
        try
        {
            text = summarizer.Summarize(article.Body);
        }
        catch (MarkdownRejectedException)
        {
            // Only a body stored before the rendering limits existed gets here: summarize by its title, as for a body with no sentences.
            text = "";
        }

        metrics.SummaryGenerated();
        if (string.IsNullOrWhiteSpace(text))
        {
            text = article.Title;
        }

        if (text.Length > MaxStoredLength)
        {
            // Only a pathological single sentence gets here; cut at a word rather than fail the write.
            var cut = text.LastIndexOf(' ', MaxStoredLength - 1);
            text = text[..(cut > 0 ? cut : MaxStoredLength - 1)] + "…";
        }

        return text;
    }
}
