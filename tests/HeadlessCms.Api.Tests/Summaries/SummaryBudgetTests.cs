using HeadlessCms.Api.Summaries;

namespace HeadlessCms.Api.Tests.Summaries;

// Where the limits fall: a sentence of exactly six words is a filler and one of seven is not; a summary may
// use its word budget and its sentence limit to the last.
public sealed class SummaryBudgetTests
{
    // 13 words, the lead: it shares "harbour", "bridge" and "repairs" with sentences 1 and 3.
    private const string Lead = "The harbour bridge reopened to traffic on Friday after two years of repairs.";

    // Second by score when it may be chosen: its words come back in the last sentence.
    private const string SixWords = "Bridge repairs cost the harbour millions.";
    private const string SevenWords = "Bridge repairs cost the harbour ten millions.";

    // Shares nothing, but stands before the last sentence, so its lead bias beats it.
    private const string Unrelated = "A new cafe opened in the old market square near the station.";
    private const string Last = "Harbour traders welcomed the finished bridge repairs.";

    [Fact]
    public void ASentenceOfSixWordsIsNeverChosenForItsOwnScore()
    {
        var summary = new ExtractiveSummarizer(maxSentences: 2, maxWords: 100).Summarize(Article(SixWords));

        Assert.Equal($"{Lead} {Unrelated}", summary);
    }

    [Fact]
    public void ASentenceOfSevenWordsIsChosenForItsScore()
    {
        var summary = new ExtractiveSummarizer(maxSentences: 2, maxWords: 100).Summarize(Article(SevenWords));

        Assert.Equal($"{Lead} {SevenWords}", summary);
    }

    [Fact]
    public void TheWordBudgetMayBeUsedToTheLastWord()
    {
        // 13 + 7 words: exactly the budget.
        Assert.Equal($"{Lead} {SevenWords}", new ExtractiveSummarizer(maxSentences: 3, maxWords: 20).Summarize(Article(SevenWords)));

        // One word less and only the lead fits: the unrelated sentence has 12 words, the last 7.
        Assert.Equal(Lead, new ExtractiveSummarizer(maxSentences: 3, maxWords: 19).Summarize(Article(SevenWords)));
    }

    [Fact]
    public void TheSentenceLimitMayBeUsedToTheLastSentence()
    {
        Assert.Equal(
            $"{Lead} {SevenWords} {Unrelated} {Last}",
            new ExtractiveSummarizer(maxSentences: 4, maxWords: 100).Summarize(Article(SevenWords)));
    }

    private static string Article(string second) => $"{Lead} {second} {Unrelated} {Last}";
}
