using HeadlessCms.Api.Summaries;

namespace HeadlessCms.Api.Tests.Summaries;

// Cases from issue 17, each taken from a news sentence the old splitter broke in two.
public sealed class SentenceSplitterTests
{
    [Theory]
    [InlineData("The launch is set for 7:20 a.m. ET on Friday from the coast.")]
    [InlineData("Polls close at 8 p.m. EST in most states.")]
    [InlineData("The talks resume at 9 a.m. Monday in Geneva.")]
    [InlineData("(CNN)U.S. Secretary of State John Kerry arrived in Geneva.")]
    [InlineData("(CNN)Gov. Mike Pence signed the bill on Thursday.")]
    [InlineData("The bill was backed by ex-Sen. Bob Dole and others.")]
    [InlineData("It was signed by then-Lt. Gov. Jane Smith last year.")]
    [InlineData("The exhibition runs June 30-Aug. 15 at the museum.")]
    [InlineData("Police in Arlington, Va. Said the road was closed.")]
    [InlineData("She grew up in Springfield, Ill. Before moving east.")]
    [InlineData("Her book \"Eat. Nourish. Glow.\" is a bestseller.")]
    [InlineData("The show \"Stop. Look. Listen. Learn.\" returns in May.")]
    [InlineData("The fleet led by Adm. Ray Cole and Maj. Ann Lee sailed.")]
    [InlineData("[Mr. Smith] was there.")]
    public void AbbreviationsJoinedToOtherTextOrInQuotedTitlesDoNotEndASentence(string text)
    {
        Assert.Equal([text], SentenceSplitter.Split(text));
    }

    [Theory]
    [InlineData("The office opens at 7 a.m. Police will guard the door.", "The office opens at 7 a.m.")]
    [InlineData("The tour ended in Ill. Nobody came.", "The tour ended in Ill.")]
    [InlineData("It is called the \"Big. House\" by locals who know it well. Or so they say.", "It is called the \"Big. House\" by locals who know it well.")]
    [InlineData("\"We lost. We will come back stronger next year and win it all,\" she said.", "\"We lost.")]
    [InlineData("He said \"Go.\" Then he left.", "He said \"Go.\"")]
    [InlineData("“Yes.” Then she left.", "“Yes.”")]
    public void StopsThatAreNotAbbreviationsStillEndASentence(string text, string first)
    {
        var sentences = SentenceSplitter.Split(text);

        Assert.Equal(2, sentences.Count);
        Assert.Equal(first, sentences[0]);
    }

    [Fact]
    public void InlineBulletsSeparateSentences()
    {
        const string Text = "The plan has three parts • New buses on every route • Lower fares for students • A night service";

        Assert.Equal(
            ["The plan has three parts", "New buses on every route", "Lower fares for students", "A night service"],
            SentenceSplitter.Split(Text));
    }

    [Fact]
    public void WindowsLineEndingsAndBlankLinesWithSpacesEndAParagraph()
    {
        Assert.Equal(["First paragraph", "Second paragraph", "Third"], SentenceSplitter.Split("First paragraph\r\n\r\nSecond paragraph\n  \t \nThird"));
    }

    [Fact]
    public void ASingleLineBreakDoesNotEndASentence()
    {
        Assert.Equal(["One sentence\r\nacross two lines", "Next."], SentenceSplitter.Split("One sentence\r\nacross two lines\n \n Next."));
    }

    [Theory]
    [InlineData("(Dr. Who) returns.")]
    [InlineData("«Mr. Bean» is back.")]
    [InlineData("‘Mrs. Doubtfire’ plays tonight.")]
    [InlineData("“Prof. Adams” spoke.")]
    public void AbbreviationsAfterALeadingBracketOrQuoteDoNotEndASentence(string text)
    {
        Assert.Single(SentenceSplitter.Split(text));
    }

    [Theory]
    [InlineData("Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "Rev", "Hon")]
    [InlineData("Gen", "Gov", "Sen", "Rep", "Col", "Lt", "Capt", "Sgt", "Mt", "Ave")]
    [InlineData("vs", "cf", "al", "approx", "Fig", "p", "pp", "Jan", "Feb", "Mar")]
    [InlineData("Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc")]
    [InlineData("Ltd", "Co", "Corp", "Adm", "Maj", "Cpl", "Pvt", "Cmdr", "Supt", "Det")]
    [InlineData("Insp", "Atty", "Pres", "Sens", "Reps", "Gens", "Msgr", "Fr", "Ft", "Blvd")]
    [InlineData("Rd", "Dept", "Univ", "Bros", "e.g", "E.g", "i.e", "I.e", "U.S", "J")]
    public void EveryListedAbbreviationContinuesTheSentence(params string[] abbreviations)
    {
        foreach (var abbreviation in abbreviations)
        {
            var text = $"They met {abbreviation}. Keller there.";

            Assert.Single(SentenceSplitter.Split(text));
        }
    }

    [Theory]
    [InlineData("Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill")]
    [InlineData("Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss")]
    [InlineData("Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va")]
    [InlineData("Vt", "Wash", "Wis", "Wyo", "W.Va", "Va", "Va", "Va", "Va", "Va")]
    public void AStateAfterACityAndACommaContinuesTheSentence(params string[] states)
    {
        foreach (var state in states)
        {
            Assert.Single(SentenceSplitter.Split($"Police in Springfield, {state}. Said the road was closed."));
            Assert.Equal(2, SentenceSplitter.Split($"Police drove to {state}. Nobody was there.").Count);
        }
    }

    [Theory]
    [InlineData("ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT")]
    [InlineData("PST", "PDT", "GMT", "BST", "UTC", "CET", "Monday", "Tuesday", "Wednesday", "Thursday")]
    [InlineData("Friday", "Saturday", "Sunday", "ET", "ET", "ET", "ET", "ET", "ET", "ET")]
    public void AClockTimeGoesOnBeforeAZoneOrADay(params string[] words)
    {
        foreach (var word in words)
        {
            Assert.Single(SentenceSplitter.Split($"It starts at 7 a.m. {word} sharp."));
            Assert.Single(SentenceSplitter.Split($"It starts at 7 p.m. {word} sharp."));
        }
    }

    [Fact]
    public void StrayPunctuationBetweenParagraphsIsNotASentence()
    {
        Assert.Equal(["Before.", "After."], SentenceSplitter.Split("Before.\n\n...\n\n— •\n\nAfter."));
    }
}
