using HeadlessCms.Api.Infrastructure;
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

/// <summary>The rules of when an article's summary is made: an editor's summary always wins.</summary>
public sealed class SummaryService(ISummarizer summarizer, TimeProvider time)
{
    private const int MaxStoredLength = 2000;

    /// <summary>Makes or remakes the generated summary of a published article that has no editor's summary.</summary>
    public void Refresh(Article article)
    {
        if (article.Status != ArticleStatus.Published || article.Summary is { Source: SummarySource.Editor })
        {
            return;
        }

        if (article.Summary is { Source: SummarySource.Generated } current && current.BodyVersion == article.BodyVersion && current.Generator == summarizer.Name)
        {
            return;
        }

        article.Summary = Generate(article);
    }

    /// <summary>A generated summary of the article as it is now; never empty, so every published article has one.</summary>
    public ArticleSummary Generate(Article article)
    {
        var text = summarizer.Summarize(article.Body);
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

        return new ArticleSummary
        {
            Text = text,
            Source = SummarySource.Generated,
            Generator = summarizer.Name,
            BodyVersion = article.BodyVersion,
            UpdatedAt = time.UtcNow(),
        };
    }

    public ArticleSummary FromEditor(Article article, string text) => new()
    {
        Text = text.Trim(),
        Source = SummarySource.Editor,
        Generator = null,
        BodyVersion = article.BodyVersion,
        UpdatedAt = time.UtcNow(),
    };
}
