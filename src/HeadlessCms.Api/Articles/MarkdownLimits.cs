using System.Diagnostics;
using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;

namespace HeadlessCms.Api.Articles;

/// <summary>Why a Markdown body is refused: shown to the editor as the "body" field's error.</summary>
public sealed class MarkdownRejectedException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>
/// Bounds the work of parsing one Markdown body. Markdig's work grows with the square of some shapes (thousands of
/// unclosed "[a](", deep nesting), so a body is first checked for shapes no article needs, and the parse itself runs
/// against a time budget that it checks as it goes.
/// </summary>
public static class MarkdownLimits
{
    public const int MaxLines = 20_000;
    public const int MaxNesting = 32;
    public const int MaxBrackets = 2_000;
    public const int MaxEmphasisRuns = 10_000;
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    /// <summary>Null when <paramref name="markdown"/> has a shape worth parsing, else why not (one pass, no parsing).</summary>
    public static string? CheckShape(string markdown)
    {
        int lines = 1, brackets = 0, emphasisRuns = 0;
        var lineStart = true;
        int prefixDepth = 0, indent = 0;
        var previous = '\0';
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            if (c == '\n')
            {
                lines++;
                lineStart = true;
                prefixDepth = indent = 0;
                previous = c;
                continue;
            }

            if (lineStart)
            {
                // The line's prefix of block quote markers, list bullets and indentation is how deep its blocks nest.
                switch (c)
                {
                    case ' ':
                        indent++;
                        break;
                    case '\t':
                        indent += 4;
                        break;
                    case '>':
                        prefixDepth++;
                        break;
                    case '-' or '*' or '+' when i + 1 < markdown.Length && markdown[i + 1] is ' ' or '\t':
                        prefixDepth++;
                        break;
                    case '\r':
                        break;
                    default:
                        lineStart = false;
                        break;
                }

                if (prefixDepth + (indent / 2) > MaxNesting)
                {
                    return $"Line {lines} nests block quotes, lists or indentation more than {MaxNesting} levels deep.";
                }
            }

            if (c is '[' or ']')
            {
                brackets++;
            }
            else if (c is '*' or '_' or '~' && previous is not ('*' or '_' or '~'))
            {
                emphasisRuns++;
            }

            previous = c;
        }

        if (lines > MaxLines)
        {
            return $"The body has {lines:N0} lines; at most {MaxLines:N0} are allowed.";
        }

        if (brackets > MaxBrackets)
        {
            return $"The body has {brackets:N0} square brackets (links and images); at most {MaxBrackets:N0} are allowed.";
        }

        return emphasisRuns > MaxEmphasisRuns
            ? $"The body has {emphasisRuns:N0} runs of '*', '_' or '~' (emphasis); at most {MaxEmphasisRuns:N0} are allowed."
            : null;
    }

    /// <summary>Checks the shape, then parses with the budget armed on this thread: throws
    /// <see cref="MarkdownRejectedException"/> for a refused shape, a spent budget or any failure of Markdig's own
    /// (its nesting limit, say).</summary>
    public static T Parse<T>(string markdown, Func<string, T> parse)
    {
        if (CheckShape(markdown) is { } reason)
        {
            throw new MarkdownRejectedException(reason);
        }

        BudgetCheck.Deadline = Stopwatch.GetTimestamp() + (long)(Budget.TotalSeconds * Stopwatch.Frequency);
        try
        {
            return parse(markdown);
        }
        catch (MarkdownRejectedException)
        {
            throw;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or InsufficientExecutionStackException)
        {
            throw new MarkdownRejectedException($"The body could not be rendered: {e.Message}", e);
        }
        finally
        {
            BudgetCheck.Deadline = 0;
        }
    }

    /// <summary>Adds the budget check to a pipeline: it runs before Markdig's own parsers at every character that
    /// starts a link, emphasis, code or HTML, so the costly shapes meet it between steps of their work.</summary>
    public static MarkdownPipelineBuilder UseBudget(this MarkdownPipelineBuilder builder)
    {
        builder.Extensions.Add(new BudgetExtension());
        return builder;
    }

    private sealed class BudgetExtension : IMarkdownExtension
    {
        public void Setup(MarkdownPipelineBuilder pipeline) => pipeline.InlineParsers.Insert(0, new BudgetCheck());

        public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
        {
        }
    }

    private sealed class BudgetCheck : InlineParser
    {
        // Per thread: a parse runs on one thread, and many parses run at once.
        [ThreadStatic]
        internal static long Deadline;

        public BudgetCheck() => OpeningCharacters = ['[', ']', '!', '*', '_', '~', '`', '<', '\\', '&'];

        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            if (Deadline != 0 && Stopwatch.GetTimestamp() > Deadline)
            {
                throw new MarkdownRejectedException(
                    $"The body took longer than {Budget.TotalSeconds:0.#} s to render; simplify its links, emphasis or nesting.");
            }

            return false;
        }
    }
}
