using System.Collections.Frozen;
using System.Net;
using System.Text;
using HeadlessCms.Api.Articles;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HeadlessCms.Api.Summaries;

/// <summary>A block of readable text from a Markdown document.</summary>
/// <param name="Text">The block's text with markup removed and whitespace collapsed.</param>
/// <param name="IsHeading">Headings label a section rather than say something, so summaries skip them.</param>
internal readonly record struct TextBlock(string Text, bool IsHeading);

/// <summary>Turns Markdown into the plain text a reader sees.</summary>
public static class MarkdownText
{
    // Separating blocks by a blank line lets SentenceSplitter treat every block end as a
    // sentence end, so a heading without a full stop never glues onto the next sentence.
    internal const string BlockSeparator = "\n\n";

    // The extensions of MarkdownRenderer, so "~~" and the like are markup here too; tables and
    // front matter are parsed only so that their pipes and YAML can be dropped. Raw HTML stays
    // enabled so that tags are recognized and removed rather than read as text.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseBudget()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .UseYamlFrontMatter()
        .Build();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> InlineTags = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "a", "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q",
        "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The text of <paramref name="markdown"/> without markup, one block per paragraph, heading or list item, separated by blank lines.</summary>
    public static string ToPlainText(string markdown) =>
        string.Join(BlockSeparator, ToBlocks(markdown).Select(block => block.Text));

    internal static List<TextBlock> ToBlocks(string markdown)
    {
        var blocks = new List<TextBlock>();
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return blocks;
        }

        // Within the renderer's limits: a body that passed them at write time passes here too.
        CollectBlocks(MarkdownLimits.Parse(markdown, text => Markdown.Parse(text, Pipeline)), blocks, new StringBuilder());
        return blocks;
    }

    private static void CollectBlocks(ContainerBlock container, List<TextBlock> blocks, StringBuilder buffer)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    AddInlines(heading.Inline, isHeading: true, blocks, buffer);
                    break;
                case ParagraphBlock paragraph:
                    AddInlines(paragraph.Inline, isHeading: false, blocks, buffer);
                    break;
                case HtmlBlock html when html.Type is HtmlBlockType.InterruptingBlock or HtmlBlockType.NonInterruptingBlock:
                    AddHtml(html, blocks, buffer);
                    break;
                case Table:
                    break;
                case ContainerBlock child:
                    // Lists and block quotes hold paragraphs worth reading.
                    CollectBlocks(child, blocks, buffer);
                    break;
                default:
                    // Code, scripts, comments, rules and link definitions are not prose.
                    break;
            }
        }
    }

    private static void AddInlines(ContainerInline? inlines, bool isHeading, List<TextBlock> blocks, StringBuilder buffer)
    {
        if (inlines is null)
        {
            return;
        }

        buffer.Clear();
        AppendInlines(inlines, buffer);
        Add(buffer, isHeading, blocks);
    }

    private static void AppendInlines(ContainerInline container, StringBuilder buffer)
    {
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    buffer.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    buffer.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    buffer.Append(entity.Transcoded.AsSpan());
                    break;
                case AutolinkInline autolink:
                    buffer.Append(autolink.Url);
                    break;
                case LineBreakInline:
                    buffer.Append(' ');
                    break;
                case LinkInline { IsImage: true }:
                    break;
                case ContainerInline children:
                    // Emphasis and links: keep the words, lose the markers and the URL.
                    AppendInlines(children, buffer);
                    break;
                default:
                    // Inline HTML tags carry no words; the text between them is a literal.
                    break;
            }
        }
    }

    private static void AddHtml(HtmlBlock html, List<TextBlock> blocks, StringBuilder buffer)
    {
        var raw = html.Lines.ToString();
        buffer.Clear();
        var i = 0;
        while (i < raw.Length)
        {
            var end = raw[i] == '<' && i + 1 < raw.Length && IsTagStart(raw[i + 1]) ? raw.IndexOf('>', i + 1) : -1;
            if (end < 0)
            {
                buffer.Append(raw[i++]);
                continue;
            }

            // "<p>One</p><p>Two</p>" must not read "OneTwo", yet "in <b>2028</b>." must not read "in 2028 .".
            if (!InlineTags.Contains(TagName(raw.AsSpan(i + 1, end - i - 1))))
            {
                buffer.Append(' ');
            }

            i = end + 1;
        }

        var decoded = WebUtility.HtmlDecode(buffer.ToString());
        buffer.Clear().Append(decoded);
        Add(buffer, isHeading: false, blocks);
    }

    private static bool IsTagStart(char c) => char.IsAsciiLetter(c) || c is '/' or '!' or '?';

    private static ReadOnlySpan<char> TagName(ReadOnlySpan<char> tag)
    {
        tag = tag.TrimStart('/');
        var length = 0;
        while (length < tag.Length && char.IsAsciiLetterOrDigit(tag[length]))
        {
            length++;
        }

        return tag[..length];
    }

    private static void Add(StringBuilder buffer, bool isHeading, List<TextBlock> blocks)
    {
        var text = CollapseWhitespace(buffer);
        if (text.Length > 0)
        {
            blocks.Add(new TextBlock(text, isHeading));
        }
    }

    // Soft line breaks and indentation inside a block are layout, not content; collapsing them
    // keeps blank lines meaningful as block separators.
    private static string CollapseWhitespace(StringBuilder buffer)
    {
        var result = new StringBuilder(buffer.Length);
        var pendingSpace = false;
        foreach (var chunk in buffer.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = result.Length > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    result.Append(' ');
                    pendingSpace = false;
                }

                result.Append(c);
            }
        }

        return result.ToString();
    }
}
