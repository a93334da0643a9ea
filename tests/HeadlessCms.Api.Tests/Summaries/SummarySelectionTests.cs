using System.Text.Json;
using HeadlessCms.Api.Summaries;

namespace HeadlessCms.Api.Tests.Summaries;

// Which sentences a summary takes, and why: each passage is built so that exactly one choice is right.
public sealed class SummarySelectionTests
{
    [Fact]
    public void TheSentenceTheRestOfTheArticleTakesUpBeatsAnEarlierOneNothingTakesUp()
    {
        // Sentence 2 is about the weather, which nothing else mentions; sentence 4 introduces the bridge
        // tolls that sentences 5 and 6 discuss. Centrality must outweigh sentence 2's earlier position.
        const string Article = "The council met in the town hall on Monday evening for its monthly session. "
            + "Outside, a cold wind blew across the empty market square all night long. "
            + "Members spent an hour on routine paperwork before the main business began. "
            + "Tolls on the harbour bridge will double next spring to pay for urgent repairs. "
            + "Harbour traders said doubled bridge tolls would drive shoppers away from the harbour. "
            + "Bridge engineers said the repairs could not wait, whatever the tolls cost the harbour traders.";

        var summary = new ExtractiveSummarizer(maxSentences: 2, maxWords: 100).Summarize(Article);

        Assert.Equal(
            "Tolls on the harbour bridge will double next spring to pay for urgent repairs. "
            + "Harbour traders said doubled bridge tolls would drive shoppers away from the harbour.",
            summary);
    }

    [Fact]
    public void AQuotationSpanningSentencesIsTakenWholeOrNotAtAll()
    {
        // The Ashcombe Rovers case: the second sentence of the quote carries the "waiting" theme that recurs,
        // but without its first it loses its opening mark and speaker.
        const string Article = "Rovers won promotion on Saturday with a late header from their substitute striker. "
            + "\"My dad has been coming here for decades. He has been waiting a long time for promotion,\" Doyle said. "
            + "Fans waiting outside said promotion had been a long time coming. "
            + "The waiting is over for a club that last won promotion decades ago.";

        var whole = new ExtractiveSummarizer(maxSentences: 3, maxWords: 60).Summarize(Article);
        var noRoom = new ExtractiveSummarizer(maxSentences: 1, maxWords: 60).Summarize(Article);

        Assert.Contains("\"My dad has been coming here for decades. He has been waiting", whole, StringComparison.Ordinal);
        Assert.DoesNotContain("He has been waiting", noRoom, StringComparison.Ordinal);
        Assert.Equal(0, noRoom.Count(c => c == '"') % 2);
    }

    [Fact]
    public void AQuotationLeftOpenAtAParagraphEndDoesNotSwallowTheNextParagraph()
    {
        const string Article = "\"We have waited thirty years for this promotion,\" said the manager of the club.\n\n"
            + "\"Nobody believed in us.\n\n"
            + "The club will spend the promotion money on repairs to the main stand of the ground.";

        var summary = new ExtractiveSummarizer(maxSentences: 2, maxWords: 60).Summarize(Article);

        Assert.EndsWith("The club will spend the promotion money on repairs to the main stand of the ground.", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("This")]
    [InlineData("He")]
    [InlineData("But")]
    [InlineData("However,")]
    [InlineData("Also,")]
    public void ASentenceLeaningOnItsPredecessorComesWithItOrNotAtAll(string start)
    {
        // The last sentence leans on the one before it: with room for two sentences it cannot be shown
        // (its run needs both before it), with room for three it comes with its predecessor.
        var article = "The city approved its annual budget on Tuesday after a short debate. "
            + "Parks and libraries lost funding in a late amendment to the spending plan. "
            + $"{start} the budget leaves schools and roads with more budget money than any budget before.";

        var tight = new ExtractiveSummarizer(maxSentences: 2, maxWords: 60).Summarize(article);
        var roomy = new ExtractiveSummarizer(maxSentences: 3, maxWords: 60).Summarize(article);

        Assert.Equal(
            "The city approved its annual budget on Tuesday after a short debate. Parks and libraries lost funding in a late amendment to the spending plan.",
            tight);
        Assert.EndsWith($"spending plan. {start} the budget leaves schools and roads with more budget money than any budget before.", roomy, StringComparison.Ordinal);
    }

    [Fact]
    public void AListItemThatContinuesASentenceIsShownOnlyAfterItsLeadIn()
    {
        const string Article = "The convoy carried supplies to the villages cut off by the landslides, including:\n\n"
            + "- medical kits for the landslide villages and their two clinics;\n"
            + "- tents for families whose homes the landslides destroyed.\n\n"
            + "Road crews expect to reopen the landslide route within a month.";

        var summary = new ExtractiveSummarizer(maxSentences: 2, maxWords: 60).Summarize(Article);

        Assert.Contains("including: medical kits", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("tents for", new ExtractiveSummarizer(maxSentences: 1, maxWords: 60).Summarize(Article), StringComparison.Ordinal);
    }

    [Fact]
    public void AShortSentenceIsNotChosenJustToFillTheBudget()
    {
        const string Article = "The harbour bridge reopened to traffic on Friday after two years of repairs costing millions. "
            + "The bridge repairs ran over budget. "
            + "Drivers queued for an hour to be among the first across the repaired harbour bridge. "
            + "Bridge tolls stay.";

        var summary = new ExtractiveSummarizer(maxSentences: 3, maxWords: 60).Summarize(Article);

        Assert.Equal(
            "The harbour bridge reopened to traffic on Friday after two years of repairs costing millions. "
            + "Drivers queued for an hour to be among the first across the repaired harbour bridge.",
            summary);
        Assert.DoesNotContain("Bridge tolls stay.", new ExtractiveSummarizer(maxSentences: 3, maxWords: 40).Summarize(Article), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(CNN)", "")]
    [InlineData("Tokyo (CNN)", "")]
    [InlineData("New Delhi, India (CNN)", "")]
    [InlineData("LONDON, England (Reuters) -- ", "")]
    [InlineData("WASHINGTON -- ", "")]
    [InlineData("(Rolling Stone)", "")]
    public void ADatelineIsStrippedFromTheLeadSentence(string dateline, string expectedPrefix)
    {
        var article = $"{dateline}Gov. Mike Pence signed the state budget into law on Thursday after a long session. "
            + "The state budget raises school funding and cuts the state fuel tax.";

        var summary = new ExtractiveSummarizer(maxSentences: 1).Summarize(article);

        Assert.Equal(expectedPrefix + "Gov. Mike Pence signed the state budget into law on Thursday after a long session.", summary);
    }

    [Theory]
    [InlineData("The World Health Organization (WHO) said on Monday that cases had fallen sharply.")]
    [InlineData("Police (and firefighters) arrived within minutes of the first call to the station.")]
    public void AParenthesisInsideTheLeadIsNotADateline(string lead)
    {
        Assert.Equal(lead, new ExtractiveSummarizer(maxSentences: 1).Summarize(lead + " Cases had fallen sharply in every region, officials said."));
    }

    [Theory]
    [InlineData("CNN's Jill Martin contributed to this report.")]
    [InlineData("Read more: Harbour bridge tolls explained in full detail here.")]
    [InlineData("Photo: harbour bridge traders and harbour tolls at dawn.")]
    [InlineData("By Jane Keller")]
    [InlineData("Click here for harbour bridge toll prices and harbour traders.")]
    [InlineData("Copyright 2025 Harbour News, harbour bridge tolls and traders.")]
    [InlineData("Follow us on social media for harbour bridge toll news.")]
    [InlineData("Harbour traders photographed at the bridge. (Getty Images)")]
    public void BoilerplateNeverAppearsInASummary(string boilerplate)
    {
        var article = "Harbour bridge tolls will double next spring, harbour traders said on Monday. "
            + $"{boilerplate}\n\nHarbour traders fear the bridge tolls will drive shoppers away.";

        var summary = new ExtractiveSummarizer(maxSentences: 3, maxWords: 100).Summarize(article);

        Assert.Equal("Harbour bridge tolls will double next spring, harbour traders said on Monday. Harbour traders fear the bridge tolls will drive shoppers away.", summary);
    }

    [Fact]
    public void AUnitLongerThanTheBudgetIsSkippedForOneThatFits()
    {
        const string Article = "Engineers finished the new harbour tunnel on Friday, a year ahead of schedule. "
            + "It cost less than planned, and it opens to harbour traffic next month, with a ceremony for the engineers and the harbour workers who built it. "
            + "Harbour traffic is expected to fall by a third once the tunnel opens.";

        var summary = new ExtractiveSummarizer(maxSentences: 3, maxWords: 30).Summarize(Article);

        Assert.Equal(
            "Engineers finished the new harbour tunnel on Friday, a year ahead of schedule. Harbour traffic is expected to fall by a third once the tunnel opens.",
            summary);
    }

    [Fact]
    public void TheDemoArticleAboutAshcombeRoversReadsWell()
    {
        using var stream = typeof(ExtractiveSummarizer).Assembly.GetManifestResourceStream("HeadlessCms.Api.Demo.demo-content.json")!;
        using var demo = JsonDocument.Parse(stream);
        var body = demo.RootElement.GetProperty("articles").EnumerateArray()
            .Single(a => a.GetProperty("title").GetString()!.StartsWith("Ashcombe Rovers", StringComparison.Ordinal))
            .GetProperty("body").GetString()!;

        var summary = new ExtractiveSummarizer().Summarize(body);

        Assert.StartsWith("Ashcombe Rovers secured promotion to the second tier for the first time in 31 years on Saturday", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("He's been waiting a long time for this.\"", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("They deserve every bit of this.\"", summary, StringComparison.Ordinal);
        Assert.Equal(0, summary.Count(c => c == '"') % 2);
    }
}
