using HeadlessCms.Api.Summaries;
using Xunit;

namespace HeadlessCms.Api.Tests.Summaries;

public sealed class SummarizerTests
{
    private const string NewsArticle = """
        # Storm floods northern coast

        Heavy rain and strong winds flooded the northern coast on Tuesday, forcing thousands of coastal residents from their homes.

        The storm had been tracked by forecasters for a week before it reached the harbour town of Kelby shortly after dawn.

        Emergency crews said the winds peaked at 140 km/h. Power was cut to 20,000 homes along the flooded coast.

        Local football clubs cancelled their weekend fixtures. The town's annual food festival was postponed to May.

        Officials expect the rain to ease by Thursday, and coastal residents may return home once the flooding recedes.

        Schools in the region will stay closed until then.
        """;

    private const string MarkupHeavyArticle = """
        ---
        title: Front matter is not prose
        ---

        ## The *council* votes

        The **city council** voted on Monday to fund the new [harbour bridge](https://example.com/bridge "Bridge") after a long debate.

        ![Aerial photo of the harbour](https://example.com/harbour.jpg)

        Supporters said the bridge would cut `commute` times by ~~a third~~ half for harbour workers.

        - The first vote passed with a clear majority
        - A second vote on tolls failed

        > The bridge will change the harbour forever, said the mayor.

        ```csharp
        var secret = "code must never appear";
        ```

            indented code must never appear either

        <div class="note">The bridge opens in <b>2028</b>.</div>

        <!-- an editor's comment must never appear -->

        | Cost | Year |
        | ---- | ---- |
        | 40m  | 2026 |

        Construction of the harbour bridge starts next spring, the council said <em>on Monday</em>.
        """;

    [Fact]
    public void SummaryIsMadeOfWholeSentencesOfTheArticleInTheirOriginalOrder()
    {
        var summary = new ExtractiveSummarizer(maxSentences: 4, maxWords: 200).Summarize(NewsArticle);

        var positions = PositionsInArticle(summary, NewsArticle);

        Assert.Equal(4, positions.Count);
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(positions.Distinct().Count(), positions.Count);
    }

    [Fact]
    public void SummarySentencesAreExactSubstringsOfThePlainText()
    {
        var summary = new ExtractiveSummarizer(maxSentences: 10, maxWords: 500).Summarize(MarkupHeavyArticle);

        var positions = PositionsInArticle(summary, MarkupHeavyArticle);

        // Seven prose sentences, less two of six words or fewer that are never picked to fill the budget.
        Assert.Equal(5, positions.Count);
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void ByDefaultASummaryHasAtMostThreeSentencesAndSixtyWords()
    {
        var article = LongArticle(sentences: 120);

        var summary = new ExtractiveSummarizer().Summarize(article);

        Assert.InRange(PositionsInArticle(summary, article).Count, 1, 3);
        Assert.InRange(CountWords(summary), 1, 60);
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 30)]
    [InlineData(3, 25)]
    [InlineData(5, 200)]
    public void CustomSentenceAndWordLimitsAreRespected(int maxSentences, int maxWords)
    {
        var article = LongArticle(sentences: 60);

        var summary = new ExtractiveSummarizer(maxSentences, maxWords).Summarize(article);

        Assert.InRange(PositionsInArticle(summary, article).Count, 1, maxSentences);
        Assert.InRange(CountWords(summary), 1, maxWords);
    }

    [Fact]
    public void AGenerousBudgetFillsEverySentenceSlot()
    {
        var article = LongArticle(sentences: 60);

        var summary = new ExtractiveSummarizer(maxSentences: 5, maxWords: 1000).Summarize(article);

        Assert.Equal(5, PositionsInArticle(summary, article).Count);
    }

    [Fact]
    public void TheBestSentenceIsKeptWholeEvenWhenItAloneExceedsTheWordBudget()
    {
        var summary = new ExtractiveSummarizer(maxSentences: 3, maxWords: 5).Summarize(NewsArticle);

        Assert.Single(PositionsInArticle(summary, NewsArticle));
        Assert.True(CountWords(summary) > 5);
    }

    [Fact]
    public void TheLeadSentenceOfANewsArticleIsIncluded()
    {
        const string Lead = "Heavy rain and strong winds flooded the northern coast on Tuesday, forcing thousands of coastal residents from their homes.";

        Assert.StartsWith(Lead, new ExtractiveSummarizer().Summarize(NewsArticle), StringComparison.Ordinal);
        Assert.Equal(Lead, new ExtractiveSummarizer(maxSentences: 1).Summarize(NewsArticle));
    }

    [Fact]
    public void SummariesAreDeterministic()
    {
        var article = LongArticle(sentences: 200);
        var first = new ExtractiveSummarizer();
        var second = new ExtractiveSummarizer();

        var summary = first.Summarize(article);

        Assert.Equal(summary, first.Summarize(article));
        Assert.Equal(summary, second.Summarize(article));
        Assert.Equal(first.Summarize(NewsArticle), second.Summarize(NewsArticle));
    }

    [Fact]
    public void AOneSentenceArticleIsItsOwnSummary()
    {
        Assert.Equal("The library reopens on Monday.", new ExtractiveSummarizer().Summarize("The library reopens on Monday."));
    }

    [Fact]
    public void TextWithoutFinalPunctuationIsSummarizedAsOneSentence()
    {
        Assert.Equal("The library reopens on Monday", new ExtractiveSummarizer().Summarize("The library reopens\non Monday"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\n\t\n")]
    public void AnEmptyBodyHasAnEmptySummary(string body)
    {
        Assert.Equal(string.Empty, new ExtractiveSummarizer().Summarize(body));
    }

    [Theory]
    [InlineData("![A harbour at dawn](https://example.com/harbour.jpg)")]
    [InlineData("```\nvar x = 1;\n```")]
    [InlineData("<!-- nothing to see -->")]
    [InlineData("---")]
    public void ABodyOfOnlyMarkupHasAnEmptySummary(string body)
    {
        Assert.Equal(string.Empty, new ExtractiveSummarizer().Summarize(body));
    }

    [Fact]
    public void HeadingsAreNotChosenAsSummarySentences()
    {
        var summary = new ExtractiveSummarizer(maxSentences: 10, maxWords: 500).Summarize(NewsArticle);

        Assert.DoesNotContain("Storm floods northern coast", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ABodyOfOnlyAHeadingIsSummarizedByTheHeading()
    {
        Assert.Equal("Breaking news", new ExtractiveSummarizer().Summarize("# Breaking news"));
    }

    [Fact]
    public void AHeadingWithoutAFullStopDoesNotGlueOntoTheNextSentence()
    {
        var sentences = SentenceSplitter.Split(MarkdownText.ToPlainText("## Storm warning\n\nThe coast is flooded. Roads are closed."));

        Assert.Equal(["Storm warning", "The coast is flooded.", "Roads are closed."], sentences);
    }

    [Fact]
    public void MarkupIsStrippedFromThePlainText()
    {
        var plainText = MarkdownText.ToPlainText(MarkupHeavyArticle);

        foreach (var markup in new[] { "*", "#", "](", "<", ">", "`", "~", "|", "---", "https://", "Aerial photo", "never appear", "Front matter" })
        {
            Assert.DoesNotContain(markup, plainText, StringComparison.Ordinal);
        }

        Assert.Contains("The council votes", plainText, StringComparison.Ordinal);
        Assert.Contains("fund the new harbour bridge after", plainText, StringComparison.Ordinal);
        Assert.Contains("cut commute times by a third half", plainText, StringComparison.Ordinal);
        Assert.Contains("The bridge will change the harbour forever", plainText, StringComparison.Ordinal);
        Assert.Contains("The bridge opens in 2028.", plainText, StringComparison.Ordinal);
        Assert.Contains("the council said on Monday.", plainText, StringComparison.Ordinal);
    }

    [Fact]
    public void ListItemsBecomeSentencesOfTheirOwn()
    {
        var sentences = SentenceSplitter.Split(MarkdownText.ToPlainText("- The first vote passed\n- A second vote failed\n\nThe council adjourned."));

        Assert.Equal(["The first vote passed", "A second vote failed", "The council adjourned."], sentences);
    }

    [Fact]
    public void ASummaryOfMarkdownContainsNoMarkup()
    {
        var summary = new ExtractiveSummarizer(maxSentences: 20, maxWords: 1000).Summarize(MarkupHeavyArticle);

        Assert.Contains("city council voted", summary, StringComparison.Ordinal);
        foreach (var markup in new[] { "*", "#", "](", "<", "`", "|", "never appear" })
        {
            Assert.DoesNotContain(markup, summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AbbreviationsDecimalsInitialsAndQuotesDoNotEndASentence()
    {
        const string Text = "Mr. Smith met Dr. Jones of the U.S. Treasury on Jan. 5 to discuss the $2.75 fee. "
            + "J. R. Tolland, e.g. the author, said growth was 3.5 per cent... roughly. "
            + "She asked, \"Is it over?\" Nobody answered. "
            + "\"We will rebuild.\" The crowd cheered!";

        Assert.Equal(
            [
                "Mr. Smith met Dr. Jones of the U.S. Treasury on Jan. 5 to discuss the $2.75 fee.",
                "J. R. Tolland, e.g. the author, said growth was 3.5 per cent... roughly.",
                "She asked, \"Is it over?\"",
                "Nobody answered.",
                "\"We will rebuild.\"",
                "The crowd cheered!",
            ],
            SentenceSplitter.Split(Text));
    }

    [Theory]
    [InlineData("Mrs. Brown and Ms. Green arrived.")]
    [InlineData("Prof. Adams spoke at St. Mary's church.")]
    [InlineData("The U.K. Parliament met, i.e. Lords and Commons.")]
    [InlineData("Acme Inc. Director Jane Doe joined Widgets Ltd. Partners and Smith Co. Staff.")]
    [InlineData("Acme Corp. Shares rose.")]
    [InlineData("They moved to No. 10 Downing Street.")]
    [InlineData("The deal closed on Sept. 3 and was reviewed on Dec. 12 by Ms. Lee.")]
    [InlineData("It was Smith vs. Jones in the final.")]
    [InlineData("Prices rose 0.5 per cent to $1,200.50 in March.")]
    [InlineData("He paused... and then went on.")]
    [InlineData("They sold apples, pears, etc. and left early.")]
    public void AbbreviationsDoNotEndASentence(string text)
    {
        Assert.Single(SentenceSplitter.Split(text));
    }

    [Theory]
    [InlineData("We bought apples, pears, etc. The shop then closed.", 2)]
    [InlineData("He waited… Nothing happened.", 2)]
    [InlineData("Is it safe? Yes! It is.", 3)]
    [InlineData("The vote was close. 52 members agreed.", 2)]
    [InlineData("The answer was No. Then the meeting ended.", 2)]
    [InlineData("It ended. \"Never again,\" she said.", 2)]
    [InlineData("The town is quiet (for now). Everyone left.", 2)]
    [InlineData("First paragraph without a stop\n\nsecond paragraph", 2)]
    public void TerminalPunctuationBeforeACapitalEndsASentence(string text, int expected)
    {
        Assert.Equal(expected, SentenceSplitter.Split(text).Count);
    }

    [Fact]
    public void TextWithoutFinalPunctuationIsOneSentence()
    {
        Assert.Equal(["No full stop at the end"], SentenceSplitter.Split("  No full stop at the end  "));
    }

    [Fact]
    public void NameIdentifiesTheAlgorithm()
    {
        Assert.Equal("extractive-pacsum/2", new ExtractiveSummarizer().Name);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(3, 0)]
    public void LimitsBelowOneAreRejected(int maxSentences, int maxWords)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExtractiveSummarizer(maxSentences, maxWords));
    }

    [Fact]
    public void AVeryLongArticleIsSummarizedWithinTheLimits()
    {
        var article = LongArticle(sentences: 1200);

        var summary = new ExtractiveSummarizer().Summarize(article);

        Assert.InRange(PositionsInArticle(summary, article).Count, 1, 3);
        Assert.InRange(CountWords(summary), 1, 60);
    }

    // Reads the summary back as article sentences joined by single spaces; sentences cannot simply
    // be re-split because list items without a full stop would merge.
    private static List<int> PositionsInArticle(string summary, string markdown)
    {
        var articleSentences = SentenceSplitter.Split(MarkdownText.ToPlainText(markdown));
        var positions = new List<int>();
        var offset = 0;
        while (offset < summary.Length)
        {
            var rest = summary.AsSpan(offset);
            var index = -1;
            for (var i = 0; i < articleSentences.Count && index < 0; i++)
            {
                var sentence = articleSentences[i];
                var fits = rest.StartsWith(sentence, StringComparison.Ordinal)
                    && (rest.Length == sentence.Length || rest[sentence.Length] == ' ');
                index = fits && !positions.Contains(i) ? i : -1;
            }

            Assert.True(index >= 0, $"Not a whole sentence of the article: {rest}");
            positions.Add(index);
            offset += articleSentences[index].Length + 1;
        }

        return positions;
    }

    private static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    // Varied but fixed sentences, so limit tests see sentences of different lengths and overlap.
    private static string LongArticle(int sentences)
    {
        string[] subjects = ["The council", "Harbour workers", "The mayor", "Local traders", "Engineers", "Residents"];
        string[] verbs = ["approved", "questioned", "welcomed", "delayed", "inspected", "funded"];
        string[] objects = ["the new bridge", "the flood defences", "the harbour budget", "the tram line", "the school repairs"];
        var paragraphs = new List<string>();
        var paragraph = new List<string>();
        for (var i = 0; i < sentences; i++)
        {
            var sentence = $"{subjects[i % subjects.Length]} {verbs[(i / 2) % verbs.Length]} {objects[(i / 3) % objects.Length]}";
            sentence += (i % 4) switch
            {
                0 => ".",
                1 => $" after a debate that lasted {(i % 7) + 2} hours.",
                2 => " on Monday, according to a statement released by the city press office late that evening.",
                _ => $", and {objects[i % objects.Length]} will be reviewed again next year.",
            };
            paragraph.Add(sentence);
            if (paragraph.Count == 4)
            {
                paragraphs.Add(string.Join(' ', paragraph));
                paragraph.Clear();
            }
        }

        paragraphs.Add(string.Join(' ', paragraph));
        return string.Join("\n\n", paragraphs);
    }
}
