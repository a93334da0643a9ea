using HeadlessCms.Api.Summaries;

namespace HeadlessCms.Api.Tests.Summaries;

// Forward centrality in numbers: a sentence scores the sum of its TF-IDF cosines with the sentences after
// it. Each passage is small enough to work the expected value out by hand.
public sealed class SentenceGraphTests
{
    // Smoothed IDF of a word found in one sentence of two: 1 + ln((1 + 2) / (1 + 1)).
    private static readonly double RareInTwo = 1 + Math.Log(1.5);

    [Fact]
    public void ASentenceScoresItsCosineWithTheSentenceAfterIt()
    {
        // "harbour" is in both sentences (IDF 1 + ln(3/3) = 1), "bridge" and "tunnel" in one each, so both
        // unit vectors are (1, RareInTwo) / |…| over different second words: the cosine is 1 / (1 + RareInTwo²).
        // No full stop after the last word: it still counts.
        var scores = Centrality.Forward(["harbour bridge", "harbour tunnel"]);

        Assert.Equal(1 / (1 + (RareInTwo * RareInTwo)), scores[0], 12);
        Assert.Equal(0, scores[1]);
    }

    [Fact]
    public void ARepeatedWordCountsTwiceWhereverItStands()
    {
        // Term counts (harbour 2, bridge 1) against a later "harbour": 2 / √(2² + RareInTwo²).
        var scores = Centrality.Forward(["Harbour bridge, harbour.", "harbour"]);

        Assert.Equal(2 / Math.Sqrt(4 + (RareInTwo * RareInTwo)), scores[0], 12);
    }

    [Fact]
    public void EveryLaterSentenceAddsItsCosine()
    {
        // Identical sentences have cosine 1: the first has two later copies, the second one, the last none.
        Assert.Equal([2, 1, 0], Centrality.Forward(["Harbour tolls.", "HARBOUR TOLLS!", "harbour tolls"]).Select(s => Math.Round(s, 12)));
    }

    [Fact]
    public void SentencesSharingNoContentWordScoreNothing()
    {
        Assert.Equal([0, 0, 0], Centrality.Forward(["The harbour froze.", "A cold wind blew.", "Traders stayed home."]));
    }

    [Fact]
    public void ASentenceOfStopWordsAloneScoresNothingAndTakesNothing()
    {
        Assert.Equal([0, 0, 0], Centrality.Forward(["It was what it was.", "It was.", "It was what it was."]));
    }

    [Fact]
    public void TwoLetterWordsAndNumbersCountButSingleLettersDoNot()
    {
        Assert.True(Centrality.Forward(["EU talks resumed.", "The EU agreed."])[0] > 0);
        Assert.True(Centrality.Forward(["The budget for 2028 passed.", "Plans for 2028 changed."])[0] > 0);
        Assert.Equal(0, Centrality.Forward(["Plan x failed.", "Option x won."])[0]);
    }

    [Fact]
    public void PunctuationAndCaseDoNotHideAWord()
    {
        Assert.True(Centrality.Forward(["The harbour-bridge plan.", "(BRIDGE) tolls."])[0] > 0);
    }

    [Fact]
    public void AWordFoundInEverySentenceWeighsLessThanARareOne()
    {
        // Three sentences: "harbour" is in all of them (IDF 1 + ln(4/4) = 1), "tunnel" and "wall" in one each
        // (IDF 1 + ln(4/2)). Sentence 0 meets sentence 1 on "harbour" alone, and sentence 2, which is "harbour".
        var rare = 1 + Math.Log(2);
        var length = Math.Sqrt(1 + (rare * rare));

        var scores = Centrality.Forward(["harbour tunnel", "harbour wall", "harbour"]);

        Assert.Equal((1 / (length * length)) + (1 / length), scores[0], 12);
        Assert.Equal(1 / length, scores[1], 12);
        Assert.Equal(0, scores[2]);
    }

    [Theory]
    [InlineData("about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be")]
    [InlineData("been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "don", "for")]
    [InlineData("from", "had", "has", "have", "he", "her", "here", "him", "his", "how", "if", "in")]
    [InlineData("into", "is", "it", "its", "just", "more", "most", "my", "no", "not", "of", "on")]
    [InlineData("one", "only", "or", "other", "our", "out", "over", "said", "says", "she", "so", "some")]
    [InlineData("than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to")]
    [InlineData("up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "will")]
    [InlineData("with", "would", "you", "your", "the", "the", "the", "the", "the", "the", "the", "the")]
    public void StopWordsLinkNoSentences(params string[] stopWords)
    {
        foreach (var word in stopWords)
        {
            Assert.Equal([0, 0], Centrality.Forward([$"Harbour {word} froze.", $"Traders {word} stayed."]));
        }
    }
}
