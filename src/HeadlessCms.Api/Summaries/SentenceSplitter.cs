using System.Collections.Frozen;

namespace HeadlessCms.Api.Summaries;

/// <summary>Splits plain text into sentences without breaking at abbreviations, initials or decimals.</summary>
public static class SentenceSplitter
{
    // Case-sensitive on purpose: "No." and "Co." are abbreviations, but "no." ends "He said no."
    // "etc." is absent because it ends sentences too; the lowercase-next-word rule covers "etc. and".
    private static readonly FrozenSet<string> Abbreviations = FrozenSet.Create(
        StringComparer.Ordinal,
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Rev", "Hon",
        "Gen", "Gov", "Sen", "Rep", "Col", "Lt", "Capt", "Sgt", "Mt", "Ave",
        "e.g", "E.g", "i.e", "I.e", "vs", "cf", "al", "approx", "Fig", "p", "pp",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Inc", "Ltd", "Co", "Corp");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup =
        Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The sentences of <paramref name="text"/>, trimmed, in order; a blank line always ends a sentence.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return sentences;
        }

        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n' && IsBlankLineAt(text, i, out var afterBlank))
            {
                AddSentence(text, start, i, sentences);
                start = i = afterBlank;
            }
            else if (IsTerminal(c) && TryFindBoundary(text, i, out var end))
            {
                AddSentence(text, start, end, sentences);
                start = i = end;
            }
            else
            {
                i++;
            }
        }

        AddSentence(text, start, text.Length, sentences);
        return sentences;
    }

    private static bool IsTerminal(char c) => c is '.' or '?' or '!' or '…';

    private static bool IsClosing(char c) => c is '"' or '\'' or '”' or '’' or '»' or ')' or ']';

    private static bool IsOpening(char c) => c is '"' or '\'' or '“' or '‘' or '«';

    // On success, end is just past the punctuation and closing quotes that belong to the sentence.
    private static bool TryFindBoundary(string text, int punctuation, out int end)
    {
        end = punctuation;
        while (end < text.Length && IsTerminal(text[end]))
        {
            end++;
        }

        var isSingleFullStop = end - punctuation == 1 && text[punctuation] == '.';
        while (end < text.Length && IsClosing(text[end]))
        {
            end++;
        }

        var next = end;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        if (next == text.Length)
        {
            return true;
        }

        // "3.5", "$2.75" and "U.S.A." have no space after the dot; "etc. and" and
        // "wait... then" continue with a lowercase word.
        if (next == end || !StartsSentence(text[next]))
        {
            return false;
        }

        return !isSingleFullStop || !IsAbbreviation(text, punctuation, text[next]);
    }

    // Caseless scripts have no uppercase, so any letter that is not lowercase may start a sentence.
    private static bool StartsSentence(char c) =>
        (char.IsLetter(c) && !char.IsLower(c)) || char.IsDigit(c) || IsOpening(c);

    private static bool IsAbbreviation(string text, int period, char next)
    {
        var tokenStart = period;
        while (tokenStart > 0 && !char.IsWhiteSpace(text[tokenStart - 1]))
        {
            tokenStart--;
        }

        var token = text.AsSpan(tokenStart, period - tokenStart).TrimStart("\"'“‘«([");
        if (token.SequenceEqual("No"))
        {
            // "No. 10 Downing Street" but "The answer was No. Then ..." ends a sentence.
            return char.IsDigit(next);
        }

        return AbbreviationLookup.Contains(token) || IsInitials(token);
    }

    // "J" in "J. R. Tolland", and dotted capitals like "U.S", "U.K" or "U.N".
    private static bool IsInitials(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty || token.Length % 2 == 0)
        {
            return false;
        }

        for (var i = 0; i < token.Length; i++)
        {
            var ok = i % 2 == 0 ? char.IsUpper(token[i]) : token[i] == '.';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsBlankLineAt(string text, int newline, out int after)
    {
        after = newline + 1;
        while (after < text.Length && text[after] is ' ' or '\t' or '\r')
        {
            after++;
        }

        if (after >= text.Length || text[after] != '\n')
        {
            return false;
        }

        after++;
        return true;
    }

    private static void AddSentence(string text, int start, int end, List<string> sentences)
    {
        var span = text.AsSpan(start, end - start).Trim();

        // Stray punctuation such as a lone "..." or "—" between blocks is not a sentence.
        if (ContainsLetterOrDigit(span))
        {
            sentences.Add(span.ToString());
        }
    }

    private static bool ContainsLetterOrDigit(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }
}
