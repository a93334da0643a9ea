using System.Diagnostics.CodeAnalysis;
using System.Net;
using HeadlessCms.Data.Articles;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HeadlessCms.Api.Articles;

/// <summary>Markdown to HTML that is safe to insert into a page: raw HTML is shown as text, and links can only go to
/// http(s), mailto or relative addresses. Runs once per write (create, update, seeding, backfill); readers get the
/// stored HTML.</summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseBudget()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    /// <summary>Renders on a worker within <see cref="MarkdownLimits.Budget"/>; false with the reason (for the "body" field) when the body is refused.</summary>
    public static async Task<(RenderedBody? Rendered, string? Refusal)> RenderAsync(string markdown, CancellationToken cancellationToken)
    {
        var render = Task.Run(() => Render(markdown), CancellationToken.None);
        try
        {
            // The parse checks the budget itself; the wait is the backstop for work it cannot interrupt.
            return (await render.WaitAsync(MarkdownLimits.Budget + TimeSpan.FromSeconds(1), cancellationToken), null);
        }
        catch (MarkdownRejectedException e)
        {
            return (null, e.Message);
        }
        catch (TimeoutException)
        {
            return (null, $"The body took longer than {MarkdownLimits.Budget.TotalSeconds:0.#} s to render; simplify its links, emphasis or nesting.");
        }
    }

    /// <summary>Renders on this thread; false with the reason when the body is refused (the backfill of old rows).</summary>
    public static bool TryRender(string markdown, [NotNullWhen(true)] out RenderedBody? rendered, [NotNullWhen(false)] out string? refusal)
    {
        try
        {
            rendered = Render(markdown);
            refusal = null;
            return true;
        }
        catch (MarkdownRejectedException e)
        {
            rendered = null;
            refusal = e.Message;
            return false;
        }
    }

    /// <summary>The body shown as escaped text: for a stored body the renderer refuses (written before the limits).</summary>
    public static RenderedBody AsText(string markdown) => new(markdown, "<pre>" + WebUtility.HtmlEncode(markdown) + "</pre>");

    private static RenderedBody Render(string markdown)
    {
        var html = MarkdownLimits.Parse(markdown, text =>
        {
            var document = Markdown.Parse(text, Pipeline);
            foreach (var link in document.Descendants<LinkInline>())
            {
                if (!IsSafeUrl(link.Url))
                {
                    link.Url = "#";
                }
            }

            foreach (var link in document.Descendants<AutolinkInline>())
            {
                if (!IsSafeUrl(link.Url))
                {
                    link.Url = "#";
                }
            }

            return document.ToHtml(Pipeline);
        });
        return new RenderedBody(markdown, html);
    }

    private static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }

        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so judge the URL without them.
        var compact = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var slash = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            return true;
        }

        var scheme = compact[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }
}
