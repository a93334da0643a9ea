using HeadlessCms.Api.Summaries;

namespace HeadlessCms.Api.Tests.Summaries;

// The edges of the splitter's rules: which marks close or open a sentence, when a "?" or "..." after an
// abbreviation still ends one, and how far a short quoted title may reach.
public sealed class SentenceBoundaryTests
{
    [Theory]
    [InlineData("He said 'Go.' Then he left.", "He said 'Go.'")]
    [InlineData("He said ‘Go.’ Then he left.", "He said ‘Go.’")]
    [InlineData("He said «Allez.» Then he left.", "He said «Allez.»")]
    [InlineData("The town emptied (as expected.) Then it rained.", "The town emptied (as expected.)")]
    [InlineData("The town emptied [as expected.] Then it rained.", "The town emptied [as expected.]")]
    public void AClosingMarkAfterTheStopBelongsToTheSentenceItEnds(string text, string first)
    {
        Assert.Equal([first, text[(first.Length + 1)..]], SentenceSplitter.Split(text));
    }

    [Theory]
    [InlineData("It ended. 'Never again,' she said.")]
    [InlineData("It ended. ‘Never again,’ she said.")]
    [InlineData("It ended. “Never again,” she said.")]
    [InlineData("It ended. «Never again», she said.")]
    public void AnOpeningQuotationMarkStartsTheNextSentence(string text)
    {
        Assert.Equal(2, SentenceSplitter.Split(text).Count);
    }

    [Theory]
    [InlineData("Did you see Dr? Nobody did.")]
    [InlineData("We waited for the Gov! Nobody came.")]
    [InlineData("They called the Mr... Nobody answered.")]
    public void OnlyASingleFullStopMarksAnAbbreviation(string text)
    {
        Assert.Equal(2, SentenceSplitter.Split(text).Count);
    }

    [Fact]
    public void AShortQuotedTitleMayCloseUpToFourWordsAfterItsStop()
    {
        Assert.Single(SentenceSplitter.Split("The sign read \"Stop. Now we wait here\" all day."));
        Assert.Equal(2, SentenceSplitter.Split("The sign read \"Stop. Now we wait right here\" all day.").Count);
    }

    [Fact]
    public void AShortQuotedTitleOpensAtMostTwoWordsBeforeItsStop()
    {
        Assert.Single(SentenceSplitter.Split("The sign read \"Stop and look. Go\" today."));
        Assert.Equal(2, SentenceSplitter.Split("The sign read \"Stop and look around. Go\" today.").Count);
    }

    [Theory]
    [InlineData("She said \"yes\" to it. Then \"no\" came.")]
    [InlineData("She said “yes” to it. Then “no” came.")]
    public void AQuotationClosedBeforeTheStopIsNoTitle(string text)
    {
        Assert.Equal(2, SentenceSplitter.Split(text).Count);
    }

    [Fact]
    public void TrailingSpacesAfterTheLastLineBreakAreNotASentence()
    {
        Assert.Equal(["Last line."], SentenceSplitter.Split("Last line.\n  "));
        Assert.Equal(["Last line."], SentenceSplitter.Split("Last line.\n"));
    }

    [Theory]
    [InlineData("They met U.s. Keller there.")]
    [InlineData("They met UN. Keller there.")]
    [InlineData("They met u. Keller there.")]
    [InlineData("They met U.S.. Keller there.")]
    public void OnlyDottedCapitalsAreInitials(string text)
    {
        Assert.Equal(2, SentenceSplitter.Split(text).Count);
    }

    [Fact]
    public void AStateAbbreviationNeedsTheCommaRightBeforeIt()
    {
        Assert.Equal(2, SentenceSplitter.Split("Police in Springfield,  Va. Said nothing.").Count);
        Assert.Equal(2, SentenceSplitter.Split("Va. Said nothing.").Count);
    }

    [Fact]
    public void NumberTenAfterNoKeepsTheSentenceOnlyBeforeADigit()
    {
        Assert.Single(SentenceSplitter.Split("They moved to No. 10 and stayed."));
        Assert.Equal(2, SentenceSplitter.Split("The answer was No. Ten people left.").Count);
    }
}
