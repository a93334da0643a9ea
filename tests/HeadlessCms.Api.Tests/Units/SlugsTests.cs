using HeadlessCms.Api.Articles;

namespace HeadlessCms.Api.Tests.Units;

/// <summary>
/// Slugs as pure functions, without HTTP: every branch of folding, cutting and numbering is cheap to pin here, where
/// the API tests would need a request per case (and left most of these mutations alive).
/// </summary>
public sealed class SlugsTests
{
    [Theory]
    [InlineData("", "untitled")]
    [InlineData("   ", "untitled")]
    [InlineData("!!! ??? ***", "untitled")]
    [InlineData("Привет мир", "untitled")]
    [InlineData("日本語", "untitled")]
    public void TextWithNoLatinLetterOrDigitBecomesUntitled(string text, string expected) => Assert.Equal(expected, Slugs.From(text));

    [Theory]
    [InlineData("Hello World", "hello-world")]
    [InlineData("ABCXYZ abcxyz 0189", "abcxyz-abcxyz-0189")]
    [InlineData("Привет world 2026", "world-2026")]
    [InlineData("東京 Tokyo 東京", "tokyo")]
    [InlineData("--a--b--", "a-b")]
    [InlineData("a  _  b", "a-b")]
    [InlineData("a-b", "a-b")]
    [InlineData("  leading and trailing  ", "leading-and-trailing")]
    [InlineData("C# & .NET: 10 tips", "c-net-10-tips")]
    public void EveryRunOfOtherCharactersBecomesOneHyphenTrimmedAtBothEnds(string text, string expected) => Assert.Equal(expected, Slugs.From(text));

    [Theory]
    // The neighbours of each ASCII range that is kept: '/' ':' '@' '[' '`' '{'.
    [InlineData("a/0:b@A[c`Z{z9", "a-0-b-a-c-z-z9")]
    public void OnlyAsciiLettersAndDigitsAreKeptAndCapitalsAreLowered(string text, string expected) => Assert.Equal(expected, Slugs.From(text));

    [Theory]
    [InlineData("e\u0301", "e")]
    [InlineData("a\u0300b", "ab")]
    [InlineData("a\u036Fb", "ab")]
    // Just outside the combining-accent block: a symbol, so a hyphen.
    [InlineData("a\u02FFb", "a-b")]
    [InlineData("a\u0370b", "a-b")]
    public void CombiningAccentsOfDecomposedTextAreDropped(string text, string expected) => Assert.Equal(expected, Slugs.From(text));

    [Theory]
    // Just outside the folding table (U+00C0-U+017F): symbols or other scripts, so hyphens.
    [InlineData("a\u00BFb", "a-b")]
    [InlineData("a\u0180b", "a-b")]
    [InlineData("\u0180", "untitled")]
    public void CharactersJustOutsideTheFoldingTableAreSeparators(string text, string expected) => Assert.Equal(expected, Slugs.From(text));

    /// <summary>Each row of the folding table, character by character, written out independently of it.</summary>
    [Theory]
    [InlineData(0x00C0, "a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th ss")]
    [InlineData(0x00E0, "a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th y")]
    [InlineData(0x0100, "a a a a a a c c c c c c c c d d d d e e e e e e e e e e g g g g")]
    [InlineData(0x0120, "g g g g h h h h i i i i i i i i i i ij ij j j k k k l l l l l l l")]
    [InlineData(0x0140, "l l l n n n n n n n n n o o o o o o oe oe r r r r r r s s s s s s")]
    [InlineData(0x0160, "s s t t t t t t u u u u u u u u u u u u w w y y y z z z z z z s")]
    public void EveryLatinLetterWithAnAccentFoldsToItsBaseLetters(int first, string expected)
    {
        var folds = expected.Split(' ');
        Assert.Equal(32, folds.Length);
        for (var i = 0; i < folds.Length; i++)
        {
            var c = (char)(first + i);
            // Between two letters, so a symbol shows as the hyphen it becomes.
            var want = folds[i] == "-" ? "x-y" : $"x{folds[i]}y";
            Assert.True(want == Slugs.From($"x{c}y"), $"U+{(int)c:X4} '{c}': expected {want}, got {Slugs.From($"x{c}y")}");
        }
    }

    [Fact]
    public void AccentedTitlesFoldAsReadersExpect()
    {
        Assert.Equal("cafe-deja-vu", Slugs.From("Café Déjà Vu"));
        Assert.Equal("uber-strasse-lodz-oeuvre", Slugs.From("ÜBER Straße Łódź Œuvre"));
    }

    [Fact]
    public void ASlugOfExactlyTheMaximumLengthIsKeptWhole()
    {
        var text = new string('a', 95) + " " + new string('b', 4);
        Assert.Equal(new string('a', 95) + "-" + new string('b', 4), Slugs.From(text));
        Assert.Equal(Slugs.MaxLength, Slugs.From(text).Length);
    }

    [Fact]
    public void ALongerSlugIsCutAtTheLastWordThatFits()
    {
        var words = string.Join(' ', Enumerable.Repeat("abcdefghi", 11)); // 11 words of 9: 109 characters as a slug
        var slug = Slugs.From(words);
        Assert.Equal(string.Join('-', Enumerable.Repeat("abcdefghi", 10)), slug);
        Assert.Equal(99, slug.Length);

        Assert.Equal(new string('a', 99), Slugs.From(new string('a', 99) + " bbbbb"));
        Assert.Equal(new string('a', 100), Slugs.From(new string('a', 100) + " b"));
    }

    [Fact]
    public void ALongerSlugWithoutAHyphenIsCutAtTheMaximumLength()
    {
        Assert.Equal(new string('a', Slugs.MaxLength), Slugs.From(new string('a', 150)));
        Assert.Equal(new string('a', Slugs.MaxLength), Slugs.From(new string('A', 101)));
    }

    [Fact]
    public void EveryMadeSlugIsValid()
    {
        foreach (var text in new[] { "Café Déjà Vu", "", "x", new string('é', 300), "a - b", string.Join(' ', Enumerable.Repeat("word", 60)) })
        {
            Assert.True(Slugs.IsValid(Slugs.From(text)), text);
        }
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("a-b", true)]
    [InlineData("a1-2b-c3", true)]
    [InlineData("0", true)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("a--b", false)]
    [InlineData("A", false)]
    [InlineData("a_b", false)]
    [InlineData("a b", false)]
    [InlineData("café", false)]
    public void IsValidAcceptsOnlyLowercaseWordsJoinedBySingleHyphens(string slug, bool valid) => Assert.Equal(valid, Slugs.IsValid(slug));

    [Fact]
    public void IsValidRefusesSlugsLongerThanTheMaximum()
    {
        Assert.True(Slugs.IsValid(new string('a', Slugs.MaxLength)));
        Assert.False(Slugs.IsValid(new string('a', Slugs.MaxLength + 1)));
    }

    [Fact]
    public void FirstFreeKeepsAFreeSlugAndOtherwiseNumbersFromTwo()
    {
        Assert.Equal("news", Slugs.FirstFree("news", []));
        Assert.Equal("news", Slugs.FirstFree("news", ["news-2", "other"]));
        Assert.Equal("news-2", Slugs.FirstFree("news", ["news"]));
        Assert.Equal("news-3", Slugs.FirstFree("news", ["news", "news-2"]));
        Assert.Equal("news-4", Slugs.FirstFree("news", ["news", "news-2", "news-3", "news-5"]));
        Assert.Equal("news-10", Slugs.FirstFree("news", ["news", .. Enumerable.Range(2, 8).Select(n => $"news-{n}").ToList()]));
    }

    [Fact]
    public void FirstFreeShortensALongStemSoTheNumberedSlugStaysWithinTheMaximum()
    {
        var full = new string('a', 98) + "-b"; // 100 characters
        Assert.Equal(new string('a', 98) + "-2", Slugs.FirstFree(full, [full]));

        var stemEndsInHyphen = new string('a', 97) + "-bb"; // cut to 98 would end in '-': trimmed
        Assert.Equal(new string('a', 97) + "-2", Slugs.FirstFree(stemEndsInHyphen, [stemEndsInHyphen]));

        var fits = new string('a', 98); // 98 + "-2" is exactly the maximum: not shortened
        Assert.Equal(fits + "-2", Slugs.FirstFree(fits, [fits]));

        List<string> taken = [full, .. Enumerable.Range(2, 8).Select(n => new string('a', 98) + $"-{n}")];
        var tenth = Slugs.FirstFree(full, taken);
        Assert.Equal(new string('a', 97) + "-10", tenth);
        Assert.All(taken.Append(tenth), s => Assert.True(Slugs.IsValid(s), s));
    }
}
