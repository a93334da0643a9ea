using HeadlessCms.Data.Articles;
namespace HeadlessCms.Api.Summaries;

/// <summary>
/// Picks the article's most central sentences (position-aware centrality over TF-IDF cosine similarity,
/// after PacSum) with a news-style lead bias, and returns them verbatim in their original order. Quotations
/// and sentences that lean on their predecessor are taken whole or not at all; datelines are stripped and
/// bylines, credits and "contributed to this report" lines are never chosen.
/// </summary>
/// <param name="maxSentences">The most sentences a summary may hold.</param>
/// <param name="maxWords">The word budget; the best sentence is kept even when it alone exceeds it and nothing else fits.</param>
public sealed class ExtractiveSummarizer(int maxSentences = 3, int maxWords = 60) : ISummarizer
{
    // Centrality (scaled so the most central sentence has 1) plus LeadBias / sqrt(1 + index): the lead
    // sentence gets a full point, the ninth a third, because news puts the essentials first. On the CNN
    // development set (bench/RESULTS.md) this gentler decay scored a little better than 1 / (1 + index).
    private const double LeadBias = 1.0;

    // A unit this short ("Duncan died.", "That surprised her.") only fills a budget; it says too little alone.
    private const int FillerWords = 6;

    private readonly int _maxSentences = maxSentences >= 1
        ? maxSentences
        : throw new ArgumentOutOfRangeException(nameof(maxSentences), maxSentences, "A summary needs at least one sentence.");

    private readonly int _maxWords = maxWords >= 1
        ? maxWords
        : throw new ArgumentOutOfRangeException(nameof(maxWords), maxWords, "A summary needs at least one word.");

    /// <inheritdoc />
    public string Name => "extractive-pacsum/2";

    /// <inheritdoc />
    public string Summarize(string markdownBody)
    {
        var (sentences, blocks) = CandidateSentences(markdownBody);
        if (sentences.Count <= 1)
        {
            return sentences.Count == 0 ? string.Empty : sentences[0];
        }

        var centrality = Centrality.Forward(sentences);
        var top = centrality.Max();
        var scores = new double[sentences.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            var central = top > 0 ? Math.Max(0, centrality[i]) / top : 0;
            scores[i] = central + (LeadBias / Math.Sqrt(1 + i));
        }

        var units = SentenceUnits.Group(sentences, blocks);
        var chosen = Choose(units, scores, [.. sentences.Select(Words.Count)]);
        return string.Join(' ', chosen.Select(index => sentences[index]));
    }

    private static (List<string> Sentences, List<int> Blocks) CandidateSentences(string markdownBody)
    {
        var blocks = MarkdownText.ToBlocks(markdownBody);
        var sentences = SentencesOf(blocks, headings: false);

        // A body that is nothing but headings still deserves a summary.
        return sentences.Sentences.Count > 0 ? sentences : SentencesOf(blocks, headings: true);
    }

    private static (List<string> Sentences, List<int> Blocks) SentencesOf(List<TextBlock> blocks, bool headings)
    {
        var sentences = new List<string>();
        var blockOf = new List<int>();
        for (var b = 0; b < blocks.Count; b++)
        {
            if (blocks[b].IsHeading != headings)
            {
                continue;
            }

            // Splitting block by block keeps a sentence from spanning two paragraphs or list items.
            foreach (var sentence in SentenceSplitter.Split(blocks[b].Text))
            {
                // The dateline belongs to the wire, not the news: "(CNN)Gov. Mike Pence signed..." becomes "Gov. Mike Pence signed...".
                var text = sentences.Count == 0 ? SentenceUnits.WithoutDateline(sentence) : sentence;
                if (!SentenceUnits.IsBoilerplate(text))
                {
                    sentences.Add(text);
                    blockOf.Add(b);
                }
            }
        }

        return (sentences, blockOf);
    }

    // Sentences by score, best first; each is taken with the run it needs (its unit) if the sentences new
    // to the summary fit both budgets. A sentence of a few words is never taken for its own score, so leftover
    // room is not filled with a fragment. If nothing fits, the best sentence that stands alone is shown.
    private List<int> Choose(SentenceUnit[] units, double[] scores, int[] words)
    {
        // OrderBy is stable: a tie goes to the earlier sentence.
        var byRank = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();

        var chosen = new SortedSet<int>();
        var total = 0;
        foreach (var index in byRank)
        {
            var unit = units[index];
            var added = Enumerable.Range(unit.First, unit.Count).Where(i => !chosen.Contains(i)).ToList();
            var addedWords = added.Sum(i => words[i]);
            if (words[index] > FillerWords && chosen.Count + added.Count <= _maxSentences && total + addedWords <= _maxWords)
            {
                chosen.UnionWith(added);
                total += addedWords;
            }
        }

        if (chosen.Count == 0)
        {
            chosen.Add(byRank.First(i => units[i].First == i));
        }

        return [.. chosen];
    }

}
