using System.Text.RegularExpressions;

namespace SummarizerBench.Quality;

/// <summary>The reader-visible defects issue 17 counts, judged on one summary.</summary>
internal static partial class Defects
{
    // A summary sentence starting with one of these leans on the sentence before it.
    private static readonly HashSet<string> DanglingStarts = new(StringComparer.Ordinal)
    {
        "He", "She", "It", "They", "This", "That", "These", "Those", "His", "Her", "Its", "Their", "Him", "Them",
        "But", "And", "So", "Yet", "Or", "However", "Also", "Still", "Then", "Instead", "Meanwhile", "Moreover",
        "Furthermore", "Nevertheless", "Besides", "Thus", "Hence", "Therefore", "Otherwise", "Such", "Even",
    };

    public static bool HasUnbalancedQuotes(string summary) =>
        summary.Count(c => c == '"') % 2 == 1 || summary.Count(c => c == '“') != summary.Count(c => c == '”');

    /// <summary>
    /// True when a summary sentence after the article's first starts with a pronoun or connective while
    /// the article sentence before it is not in the summary.
    /// </summary>
    public static bool HasDanglingStart(IReadOnlyList<string> summarySentences, IReadOnlyList<string> articleSentences)
    {
        var positions = summarySentences.Select(s => IndexIn(s, articleSentences)).ToList();
        for (var i = 0; i < summarySentences.Count; i++)
        {
            var position = positions[i];
            var leans = DanglingStarts.Contains(FirstWord(summarySentences[i]));
            var predecessorShown = position > 0 && positions.Contains(position - 1);
            if (leans && position != 0 && !predecessorShown)
            {
                return true;
            }
        }

        return false;
    }

    public static bool HasFiller(IReadOnlyList<string> summarySentences) => summarySentences.Any(s => Words(s) <= 6);

    public static bool HasDateline(string summary) => summary.Contains("(CNN)", StringComparison.Ordinal) || Dateline().IsMatch(summary);

    public static bool HasBoilerplate(string summary) => Boilerplate().IsMatch(summary);

    public static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static string FirstWord(string sentence)
    {
        var word = sentence.TrimStart('"', '“', '\'', '‘', '(').Split(' ', 2)[0];
        return word.TrimEnd(',', ';', ':');
    }

    // A summary's first sentence may be an article sentence with its dateline stripped.
    private static int IndexIn(string sentence, IReadOnlyList<string> articleSentences)
    {
        for (var i = 0; i < articleSentences.Count; i++)
        {
            if (articleSentences[i] == sentence || articleSentences[i].EndsWith(sentence, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    // "(CNN)", "LONDON, England (CNN) --", "Tokyo (CNN)", "(Rolling Stone)", "March 10, 2015 ." at the start.
    [GeneratedRegex(@"^\s*(?:[A-Z][\w.'’ ,-]{0,40})?\([A-Z][\w.& ]{0,30}\)\s*(?:--|—)?|^[A-Z][A-Z .,]+ --|^[A-Z][a-z]+ \d{1,2}, \d{4} \.")]
    private static partial Regex Dateline();

    [GeneratedRegex(@"contributed to this report|\bread more\b|click here|\bphotos?:|\bcredit:|getty images|(?-i:^By (?:[A-Z][\w.'-]*\s*){1,4}(?:,|\.|$))|follow (?:us|@)|e-mail to a friend|all rights reserved|\bcopyright\b", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex Boilerplate();
}
