using SummarizerBench.Quality;

namespace HeadlessCms.Api.Tests.Summaries;

// The bench's ROUGE (linked from bench/SummarizerBench/Quality) checked against published values, so the
// quality figures in bench/RESULTS.md can be compared with other ROUGE implementations.
public sealed class RougeTests
{
    // The example in the README of Google's rouge-score package, which reports these exact figures.
    private const string Reference = "The quick brown fox jumps over the lazy dog";
    private const string Candidate = "The quick brown dog jumps on the log.";

    [Fact]
    public void RougeOneMatchesTheRougeScorePackageReadme()
    {
        var score = new Rouge().N(Candidate, Reference, 1);

        Assert.Equal(0.75, score.Precision, 1e-9);
        Assert.Equal(6.0 / 9, score.Recall, 1e-9);
        Assert.Equal(12.0 / 17, score.F1, 1e-9);
    }

    [Fact]
    public void RougeLOfOneLineMatchesTheRougeScorePackageReadme()
    {
        var score = new Rouge().LSum(Candidate, Reference);

        Assert.Equal(0.625, score.Precision, 1e-9);
        Assert.Equal(5.0 / 9, score.Recall, 1e-9);
        Assert.Equal(10.0 / 17, score.F1, 1e-9);
    }

    [Fact]
    public void RougeTwoCountsSharedBigramsOfStemmedTokens()
    {
        // Shared: "the quick", "quick brown"; 7 candidate and 8 reference bigrams.
        var score = new Rouge().N(Candidate, Reference, 2);

        Assert.Equal(2.0 / 7, score.Precision, 1e-9);
        Assert.Equal(0.25, score.Recall, 1e-9);
        Assert.Equal(4.0 / 15, score.F1, 1e-9);
    }

    [Fact]
    public void RougeLSumTakesTheUnionOfLcsHitsAcrossCandidateLines()
    {
        // Lin (2004), section 3.2: the reference line w1..w5 against c1 = w1 w2 w6 w7 w8 and
        // c2 = w1 w3 w8 w9 w5 has the union LCS w1 w2 w3 w5.
        var score = new Rouge().LSum("w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5", "w1 w2 w3 w4 w5");

        Assert.Equal(0.4, score.Precision, 1e-9);
        Assert.Equal(0.8, score.Recall, 1e-9);
    }

    [Fact]
    public void TokensAreLowerCasedAlphanumericAndStemmedWhenLongerThanThreeCharacters()
    {
        Assert.Equal(["u", "s", "jump", "ran", "3", "5bn", "poni", "dog"], new Rouge().Tokenize("U.S. jumps ran 3.5bn ponies—dogs"));
    }

    [Fact]
    public void IdenticalTextsScoreOneAndDisjointTextsZero()
    {
        var rouge = new Rouge();

        Assert.Equal(1.0, rouge.N(Reference, Reference, 2).F1, 1e-9);
        Assert.Equal(0.0, rouge.N("alpha beta", Reference, 1).F1);
        Assert.Equal(0.0, rouge.N(string.Empty, Reference, 1).F1);
    }

    // Pairs from Martin Porter's published vocabulary and its stemmed output.
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "ti")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("bled", "bled")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("troubled", "troubl")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("valenci", "valenc")]
    [InlineData("digitizer", "digit")]
    [InlineData("conformabli", "conform")]
    [InlineData("radicalli", "radic")]
    [InlineData("differentli", "differ")]
    [InlineData("vileli", "vile")]
    [InlineData("analogousli", "analog")]
    [InlineData("vietnamization", "vietnam")]
    [InlineData("predication", "predic")]
    [InlineData("operator", "oper")]
    [InlineData("feudalism", "feudal")]
    [InlineData("decisiveness", "decis")]
    [InlineData("hopefulness", "hope")]
    [InlineData("callousness", "callous")]
    [InlineData("formaliti", "formal")]
    [InlineData("sensitiviti", "sensit")]
    [InlineData("sensibiliti", "sensibl")]
    [InlineData("triplicate", "triplic")]
    [InlineData("formative", "form")]
    [InlineData("electrical", "electr")]
    [InlineData("goodness", "good")]
    [InlineData("revival", "reviv")]
    [InlineData("allowance", "allow")]
    [InlineData("inference", "infer")]
    [InlineData("airliner", "airlin")]
    [InlineData("adjustable", "adjust")]
    [InlineData("defensible", "defens")]
    [InlineData("replacement", "replac")]
    [InlineData("adoption", "adopt")]
    [InlineData("communism", "commun")]
    [InlineData("activate", "activ")]
    [InlineData("homologous", "homolog")]
    [InlineData("effective", "effect")]
    [InlineData("bowdlerize", "bowdler")]
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("cease", "ceas")]
    [InlineData("controll", "control")]
    [InlineData("roll", "roll")]
    [InlineData("generalizations", "gener")]
    [InlineData("as", "as")]
    public void PorterStemmerReproducesPortersPublishedOutput(string word, string stem)
    {
        Assert.Equal(stem, new PorterStemmer().Stem(word));
    }
}
