using HeadlessCms.Data.Categories;
using HeadlessCms.Data.Events;

namespace HeadlessCms.Data.Articles;

/// <summary>
/// An article and its rules: the body keeps its word count and version in step, the summary follows the body, and
/// the status changes only through <see cref="Publish"/>, <see cref="Unpublish"/> and <see cref="Archive"/>. Handlers,
/// the demo seeder and the summary backfill all go through these methods, so each rule is written once (and a
/// method is where a content event will be recorded).
/// </summary>
public sealed partial class Article : ISlugged, IRecordsContentEvents
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public string Body { get; private set; } = "";

    /// <summary>
    /// The body rendered to safe HTML when it was written, served as is to readers (no rendering per read). Null only
    /// for rows written before the column existed, or reset to null so that a start-up backfill renders them again
    /// (after a change to the rendering rules, say).
    /// </summary>
    public string? BodyHtml { get; private set; }
    public string? Author { get; set; }
    public string? FeaturedImageUrl { get; set; }
    public int CategoryId { get; set; }
    public Category? Category { get; set; }
    public ArticleStatus Status { get; private set; }

    /// <summary>When the article becomes visible; a future value means scheduled.</summary>
    public DateTime? PublishedAt { get; private set; }

    /// <summary>
    /// Whether article.published has been emitted for the current publication. False while scheduled: the scheduler
    /// claims the flag with a conditional UPDATE, so exactly one instance emits the event when the time comes.
    /// </summary>
    public bool PublishAnnounced { get; set; } = true;

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic-concurrency token, bumped on every change; served as the ETag.</summary>
    public long Version { get; set; } = 1;

    /// <summary>Words in the body, kept so lists can show reading time without reading bodies.</summary>
    public int WordCount { get; private set; }

    /// <summary>Bumped whenever the body changes, so a summary can tell which body it was made from.</summary>
    public int BodyVersion { get; private set; } = 1;

    /// <summary>Stored in the article's own row: lists and full-text search read it without a join.</summary>
    public ArticleSummary? Summary { get; private set; }

    public List<FormerSlug> FormerSlugs { get; } = [];

    /// <summary>An editor's summary written for an older body: kept (the editor's words win), but flagged.</summary>
    public bool IsSummaryStale => Summary is { } s && s.Source == SummarySource.Editor && s.BodyVersion != BodyVersion;

    /// <summary>A new draft; <paramref name="editorSummary"/>, when given, is the editor's summary.</summary>
    public static Article Draft(string title, string slug, RenderedBody body, Category category, string? author, string? featuredImageUrl,
        string? editorSummary, DateTime now)
    {
        var article = new Article
        {
            Title = title,
            Slug = slug,
            Body = body.Markdown,
            BodyHtml = body.Html,
            WordCount = Words.Count(body.Markdown),
            Author = author,
            FeaturedImageUrl = featuredImageUrl,
            CategoryId = category.Id,
            Category = category,
            Status = ArticleStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (editorSummary is not null)
        {
            article.SetEditorSummary(editorSummary, now);
        }

        return article;
    }

    /// <summary>Stores the HTML of the current body (the backfill of rows that have none); the body itself is unchanged.</summary>
    public void StoreRenderedBody(RenderedBody rendered)
    {
        if (rendered.Markdown != Body)
        {
            throw new ArgumentException("The rendered body is not this article's body.", nameof(rendered));
        }

        BodyHtml = rendered.Html;
    }

    public void MoveTo(Category category)
    {
        CategoryId = category.Id;
        Category = category;
    }

    /// <summary>Keeps the current slug as a former slug (old URLs answer 301) and drops a former slug equal to the new one.</summary>
    public void ChangeSlug(string newSlug, DateTime now)
    {
        FormerSlugs.RemoveAll(f => f.Slug == newSlug || f.Slug == Slug);
        FormerSlugs.Add(new FormerSlug { Slug = Slug, ArticleId = Id, RetiredAt = now });
        Slug = newSlug;
    }

    /// <summary>
    /// The body and, optionally, the editor's summary as an editor sends them, then the summary decision. An unchanged
    /// body keeps its version (and its summaries); an editor's summary is replaced only when its text changes or it had
    /// gone stale, so resending the same text keeps its time.
    /// </summary>
    public void Revise(RenderedBody body, string? editorSummary, IArticleSummarizer summarizer, DateTime now)
    {
        if (Body != body.Markdown)
        {
            Body = body.Markdown;
            WordCount = Words.Count(body.Markdown);
            BodyVersion++;
        }

        BodyHtml = body.Html;

        if (editorSummary is not null
            && (Summary?.Source != SummarySource.Editor || Summary.Text != editorSummary.Trim() || IsSummaryStale))
        {
            SetEditorSummary(editorSummary, now);
        }

        RefreshSummary(summarizer, now);
    }

    /// <summary>
    /// Publishes now, at <paramref name="at"/> (a future time schedules, a past one backdates), or, for an article
    /// already published, keeps its time; a published article then gets its generated summary.
    /// </summary>
    /// <summary>Publishes now, at <paramref name="at"/>, or keeps the publication time; true when it is visible now (else scheduled).</summary>
    public bool Publish(DateTime? at, DateTime now, IArticleSummarizer summarizer)
    {
        // Without a time, an article already live keeps its time; a scheduled one (a future time) goes live now.
        PublishedAt = at ?? (Status == ArticleStatus.Published && PublishedAt <= now ? PublishedAt : null) ?? now;
        Status = ArticleStatus.Published;
        // A scheduled article is announced (article.published) by the scheduler when its time comes, once.
        PublishAnnounced = PublishedAt <= now;
        ReadyForReview = false;
        ReviewNote = null;
        RefreshSummary(summarizer, now);
        return PublishAnnounced;
    }

    public void Unpublish()
    {
        Status = ArticleStatus.Draft;
        PublishedAt = null;
    }

    public void Archive() => Status = ArticleStatus.Archived;

    public void SetEditorSummary(string text, DateTime now) => Summary = new ArticleSummary
    {
        Text = text.Trim(),
        Source = SummarySource.Editor,
        Generator = null,
        BodyVersion = BodyVersion,
        UpdatedAt = now,
    };

    /// <summary>Drops the editor's summary; a published article gets a generated one back at once.</summary>
    public void RemoveEditorSummary(IArticleSummarizer summarizer, DateTime now)
    {
        Summary = null;
        RefreshSummary(summarizer, now);
    }

    /// <summary>Stores a generated summary of the body as it is now, replacing any summary, the editor's included.</summary>
    public void UseGeneratedSummary(ArticleSummary generated) =>
        Summary = generated.Source == SummarySource.Generated ? generated : throw new ArgumentException("Not a generated summary.", nameof(generated));

    /// <summary>
    /// The summary decision, in one place: only a published article gets a generated summary; an editor's summary
    /// always wins (see <see cref="IsSummaryStale"/>); a generated one is remade when the body or the summarizer changed,
    /// and kept otherwise.
    /// </summary>
    public void RefreshSummary(IArticleSummarizer summarizer, DateTime now)
    {
        if (Status != ArticleStatus.Published || Summary is { Source: SummarySource.Editor })
        {
            return;
        }

        if (Summary is { Source: SummarySource.Generated } current && current.BodyVersion == BodyVersion && current.Generator == summarizer.Name)
        {
            return;
        }

        Summary = GenerateSummary(summarizer, now);
    }

    /// <summary>A generated summary of the body as it is now, not stored (also a preview for an editor).</summary>
    public ArticleSummary GenerateSummary(IArticleSummarizer summarizer, DateTime now) => new()
    {
        Text = summarizer.Summarize(this),
        Source = SummarySource.Generated,
        Generator = summarizer.Name,
        BodyVersion = BodyVersion,
        UpdatedAt = now,
    };

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Content events recorded by this change, written with it by CmsDbContext.SaveChangesAsync.</summary>
    public List<Func<ContentEvent>> PendingEvents { get; } = [];
}
