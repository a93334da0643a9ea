using System.Buffers;
using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace HeadlessCms.Api.Summaries;

/// <summary>
/// The run of consecutive article sentences a summary needs to show one sentence whole in meaning: the
/// sentences it leans on ("He said…", "But…") and the rest of a quotation spread over several sentences.
/// </summary>
/// <param name="First">The index of its first sentence among the candidates.</param>
/// <param name="Count">How many sentences it holds.</param>
internal readonly record struct SentenceUnit(int First, int Count);

/// <summary>Prepares an article's sentences for selection: datelines off, boilerplate out, sentences grouped into units.</summary>
internal static partial class SentenceUnits
{
    // A sentence starting with one of these points back to the one before it; shown alone it reads as a
    // non sequitur ("This should interest Republicans.").
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> LeaningWords = FrozenSet.Create(
        StringComparer.Ordinal,
        "He", "She", "It", "They", "This", "That", "These", "Those", "His", "Her", "Its", "Their", "Him", "Them",
        "But", "And", "So", "Yet", "Or", "Nor", "However", "Also", "Still", "Then", "Instead", "Meanwhile", "Moreover",
        "Furthermore", "Nevertheless", "Besides", "Thus", "Hence", "Therefore", "Otherwise", "Such", "Even")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>"(CNN)", "Tokyo (CNN)", "LONDON, England (Reuters) --", "WASHINGTON --" at the start of the text.</summary>
    public static string WithoutDateline(string sentence)
    {
        var match = Dateline().Match(sentence);
        return match.Success && match.Length < sentence.Length ? sentence[match.Length..] : sentence;
    }

    /// <summary>Bylines, photo credits, "contributed to this report", "Read more": about the article, not its news.</summary>
    public static bool IsBoilerplate(string sentence) =>
        sentence.AsSpan().ContainsAny(BoilerplatePhrases) || BoilerplateStart().IsMatch(sentence);

    public static bool LeansOnPrevious(string sentence)
    {
        var word = sentence.AsSpan().TrimStart("\"'“‘(");
        var end = 0;
        while (end < word.Length && char.IsLetter(word[end]))
        {
            end++;
        }

        // A lower-case start is a fragment: a list item continuing "...including:" or a split the splitter missed.
        return LeaningWords.Contains(word[..end]) || (end > 0 && char.IsLower(word[0]));
    }

    /// <summary>
    /// For each sentence, the run of sentences a summary must take to show it: back to the sentence its
    /// leading pronoun or connective leans on, and across the whole quotation it belongs to. A sentence that
    /// others lean on can still be shown alone. <paramref name="blocks"/> gives each sentence's paragraph: a
    /// quotation left open at a paragraph's end is closed there, as news style reopens it in the next one.
    /// </summary>
    public static SentenceUnit[] Group(List<string> sentences, List<int> blocks)
    {
        var n = sentences.Count;
        var inQuote = new bool[n];
        var quoteOpen = false;
        for (var i = 0; i < n; i++)
        {
            var sameBlock = i > 0 && blocks[i] == blocks[i - 1];
            inQuote[i] = quoteOpen && sameBlock;
            quoteOpen = inQuote[i] != LeavesQuoteOpen(sentences[i]);
        }

        var end = new int[n];
        for (var i = n - 1; i >= 0; i--)
        {
            end[i] = i + 1 < n && inQuote[i + 1] ? end[i + 1] : i;
        }

        var units = new SentenceUnit[n];
        for (var i = 0; i < n; i++)
        {
            var start = i;
            while (start > 0 && inQuote[start])
            {
                start--;
            }

            var first = start > 0 && LeansOnPrevious(sentences[start]) ? units[start - 1].First : start;
            units[i] = new SentenceUnit(first, end[i] - first + 1);
        }

        return units;
    }

    // True when the sentence opens a quotation it does not close, or closes one opened before it.
    private static bool LeavesQuoteOpen(string sentence)
    {
        var straight = 0;
        var curly = 0;
        foreach (var c in sentence)
        {
            straight += c == '"' ? 1 : 0;
            curly += c switch { '“' => 1, '”' => -1, _ => 0 };
        }

        return straight % 2 == 1 || curly != 0;
    }

    [GeneratedRegex(@"^\s*(?:(?:\p{Lu}[\p{L}.'’-]*,?\s+){0,4}\((?:\p{Lu}[\w.&]*)(?: [\w.&]+){0,3}\)(?:\s*(?:--|—|–)\s*|(?=[\p{Lu}\p{N}""“']))|\p{Lu}[\p{Lu} .,'-]{1,40}\s+(?:--|—)\s+)")]
    private static partial Regex Dateline();

    // Phrases are searched for all at once; a regular expression with these alternatives cost 5 to 12 ms on
    // the 5,000-word benchmark article. Only the start-anchored patterns are a regular expression.
    [GeneratedRegex(@"\A(?:read more\b|(?:photos?|images?|credits?|source|video|watch)\s*:|by\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\s*[,.]?\s*\z|(?:published|updated|last updated)\s*:)", RegexOptions.IgnoreCase)]
    private static partial Regex BoilerplateStart();

    private static readonly SearchValues<string> BoilerplatePhrases = SearchValues.Create(
        [
            "contributed to this report", "contributed to the report", "contributed reporting", "read more:", "click here",
            "getty images", "ap photo", "follow us on", "follow @", "e-mail to a friend", "email to a friend",
            "all rights reserved", "copyright",
        ],
        StringComparison.OrdinalIgnoreCase);
}
