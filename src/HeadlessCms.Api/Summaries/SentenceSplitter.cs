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
        "Inc", "Ltd", "Co", "Corp", "Adm", "Maj", "Cpl", "Pvt", "Cmdr", "Supt", "Det", "Insp", "Atty", "Pres",
        "Sens", "Reps", "Gens", "Msgr", "Fr", "Ft", "Blvd", "Rd", "Dept", "Univ", "Bros");

    // AP style puts a state after a city and a comma: "Arlington, Va. Police said" is one sentence. Only
    // after a comma, because "Ill." or "Miss." may stand for something else elsewhere.
    private static readonly FrozenSet<string> States = FrozenSet.Create(
        StringComparer.Ordinal,
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La",
        "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va",
        "Vt", "Wash", "Wis", "Wyo", "W.Va");

    // "7:20 a.m. ET" goes on; "at 7 a.m. Police arrived" is a new sentence.
    private static readonly FrozenSet<string> AfterClockTime = FrozenSet.Create(
        StringComparer.Ordinal,
        "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "GMT", "BST", "UTC", "CET",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup =
        Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StateLookup =
        States.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ClockLookup =
        AfterClockTime.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The sentences of <paramref name="text"/>, trimmed, in order; a blank line or a "•" bullet always ends a sentence.</summary>
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
            else if (c == '•')
            {
                // Inline bullets ("• One • Two") list separate points, each its own sentence.
                AddSentence(text, start, i, sentences);
                start = i = i + 1;
            }
            else if (IsTerminal(c) && TryFindBoundary(text, start, i, out var end))
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
    private static bool TryFindBoundary(string text, int start, int punctuation, out int end)
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

        if (isSingleFullStop && IsAbbreviation(text, punctuation, next))
        {
            return false;
        }

        return end != punctuation + 1 || !IsInShortQuotedTitle(text, start, punctuation);
    }

    // Caseless scripts have no uppercase, so any letter that is not lowercase may start a sentence.
    private static bool StartsSentence(char c) =>
        (char.IsLetter(c) && !char.IsLower(c)) || char.IsDigit(c) || IsOpening(c);

    private static bool IsAbbreviation(string text, int period, int next)
    {
        var tokenStart = period;
        while (tokenStart > 0 && !char.IsWhiteSpace(text[tokenStart - 1]))
        {
            tokenStart--;
        }

        var token = text.AsSpan(tokenStart, period - tokenStart).TrimStart("\"'“‘«([");

        // Only the last part of a joined token is abbreviated: "(CNN)Gov.", "ex-Sen.", "then-Lt.", "30-Aug.".
        token = token[(token.LastIndexOfAny(')', '-') + 1)..];
        if (token.SequenceEqual("No"))
        {
            // "No. 10 Downing Street" but "The answer was No. Then ..." ends a sentence.
            return char.IsDigit(text[next]);
        }

        if (token.SequenceEqual("a.m") || token.SequenceEqual("p.m"))
        {
            return ClockLookup.Contains(WordAt(text, next));
        }

        return AbbreviationLookup.Contains(token) || IsInitials(token)
            || (StateLookup.Contains(token) && tokenStart >= 2 && text[tokenStart - 2] == ',');
    }

    private static ReadOnlySpan<char> WordAt(string text, int index)
    {
        var end = index;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return text.AsSpan(index, end - index);
    }

    // The full stops of a quoted title such as "Eat. Nourish. Glow." end no sentence: the quote opened at
    // most two words before the stop and closes within a few words after it.
    private static bool IsInShortQuotedTitle(string text, int start, int period)
    {
        var open = text.AsSpan(start, period - start).LastIndexOfAny('"', '“');
        if (open < 0 || (text[start + open] == '"' && text.AsSpan(start, open).Count('"') % 2 == 1))
        {
            return false;
        }

        var inside = text.AsSpan(start + open + 1, period - start - open - 1);
        var close = text.AsSpan(period + 1).IndexOfAny('"', '”');
        return inside.Count(' ') <= 2 && !inside.Contains('”') && close >= 0 && text.AsSpan(period + 1, close).Count(' ') <= 4;
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
