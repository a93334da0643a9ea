namespace HeadlessCms.Data.Articles;

/// <summary>The one word counter and reading-time formula: stored word counts, reading time and the summarizer's
/// word budget all agree on what a word is.</summary>
public static class Words
{
    public const int PerMinute = 200;

    /// <summary>Runs of letters and digits: "well-known" is two words, a dash or Markdown markup none.</summary>
    public static int Count(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var wordChar = char.IsLetterOrDigit(c);
            if (wordChar && !inWord)
            {
                words++;
            }

            inWord = wordChar;
        }

        return words;
    }

    /// <summary>Whole minutes at <see cref="PerMinute"/> words a minute, rounded up; never less than one.</summary>
    public static int ReadingMinutes(int words) => words < PerMinute ? 1 : (words + PerMinute - 1) / PerMinute;
}
