using System.Collections.Frozen;
using HeadlessCms.Data.Articles;

namespace HeadlessCms.Api.Summaries;

/// <summary>
/// Picks the article's most central sentences (TextRank over TF-IDF cosine similarity) with a
/// news-style lead bias, and returns them verbatim in their original order.
/// </summary>
/// <param name="maxSentences">The most sentences a summary may hold.</param>
/// <param name="maxWords">The word budget; the best sentence is kept even when it alone exceeds it.</param>
public sealed class ExtractiveSummarizer(int maxSentences = 3, int maxWords = 60) : ISummarizer
{
    // 1 + LeadBias / (1 + index): the lead sentence counts double, the tenth only 10% extra,
    // because news puts the essentials first.
    private const double LeadBias = 1.0;

    private readonly int _maxSentences = maxSentences >= 1
        ? maxSentences
        : throw new ArgumentOutOfRangeException(nameof(maxSentences), maxSentences, "A summary needs at least one sentence.");

    private readonly int _maxWords = maxWords >= 1
        ? maxWords
        : throw new ArgumentOutOfRangeException(nameof(maxWords), maxWords, "A summary needs at least one word.");

    /// <inheritdoc />
    public string Name => "extractive-textrank/1";

    /// <inheritdoc />
    public string Summarize(string markdownBody)
    {
        var sentences = CandidateSentences(markdownBody);
        if (sentences.Count <= 1)
        {
            return sentences.Count == 0 ? string.Empty : sentences[0];
        }

        var ranks = TextRank.Rank(sentences);
        var scores = new double[ranks.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = ranks[i] * (1 + (LeadBias / (1 + i)));
        }

        var chosen = Choose(sentences, scores);
        return string.Join(' ', chosen.Select(index => sentences[index]));
    }

    private static List<string> CandidateSentences(string markdownBody)
    {
        var blocks = MarkdownText.ToBlocks(markdownBody);
        var sentences = SentencesOf(blocks, headings: false);

        // A body that is nothing but headings still deserves a summary.
        return sentences.Count > 0 ? sentences : SentencesOf(blocks, headings: true);
    }

    private static List<string> SentencesOf(List<TextBlock> blocks, bool headings)
    {
        var sentences = new List<string>();
        foreach (var block in blocks)
        {
            if (block.IsHeading != headings)
            {
                continue;
            }

            // Splitting block by block keeps a sentence from spanning two paragraphs or list items.
            sentences.AddRange(SentenceSplitter.Split(block.Text));
        }

        return sentences;
    }

    private List<int> Choose(List<string> sentences, double[] scores)
    {
        var byRank = new int[scores.Length];
        for (var i = 0; i < byRank.Length; i++)
        {
            byRank[i] = i;
        }

        // Ties go to the earlier sentence so the result never depends on sort stability.
        Array.Sort(byRank, (a, b) => scores[a] != scores[b] ? scores[b].CompareTo(scores[a]) : a.CompareTo(b));

        var chosen = new List<int>(_maxSentences);
        var words = 0;
        foreach (var index in byRank)
        {
            if (chosen.Count == _maxSentences)
            {
                break;
            }

            // The best sentence is always kept so a summary is never empty; after it, a sentence that
            // would overflow the budget is skipped rather than ending the search, so a shorter one
            // further down the ranking can still use the room left.
            var count = Words.Count(sentences[index]);
            if (chosen.Count == 0 || words + count <= _maxWords)
            {
                chosen.Add(index);
                words += count;
            }
        }

        chosen.Sort();
        return chosen;
    }
}

/// <summary>Sentence centrality: PageRank over a graph weighted by TF-IDF cosine similarity.</summary>
internal static class TextRank
{
    private const double Damping = 0.85;
    private const int MaxIterations = 100;
    private const double Tolerance = 1e-9;

    // Below this a sentence's links are rounding noise from the factored similarity, not shared words.
    private const double NoLink = 1e-9;

    // Words this common say nothing about what a sentence is about; shorter-than-two-letter
    // tokens (the "s" of "it's") are dropped separately.
    private static readonly FrozenSet<string> StopWords = FrozenSet.Create(
        StringComparer.Ordinal,
        "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "don",
        "for", "from", "had", "has", "have", "he", "her", "here", "him", "his", "how", "if", "in",
        "into", "is", "it", "its", "just", "more", "most", "my", "no", "not", "of", "on", "one",
        "only", "or", "other", "our", "out", "over", "said", "says", "she", "so", "some", "than",
        "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to",
        "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
        "will", "with", "would", "you", "your");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup =
        StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>A PageRank score per sentence; they sum to one.</summary>
    /// <remarks>
    /// The similarity matrix is W = V·Vᵀ with a zero diagonal, where V holds one unit TF-IDF vector
    /// per sentence. It is never built: W·x = V·(Vᵀ·x) − diag(|v|²)·x costs one pass over the
    /// article's words instead of a pass over every pair of sentences.
    /// </remarks>
    public static double[] Rank(List<string> sentences)
    {
        var (vectors, vocabulary) = Vectorize(sentences);
        var n = vectors.Length;
        var mix = new double[vocabulary];
        var outWeight = new double[n];
        Array.Fill(outWeight, 1.0);
        Multiply(vectors, outWeight, mix, outWeight);

        var scores = new double[n];
        Array.Fill(scores, 1.0 / n);
        var next = new double[n];
        var share = new double[n];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            // A sentence sharing no words with any other spreads its score evenly, so the
            // total stays one and isolated sentences do not drain the graph.
            var dangling = 0.0;
            for (var j = 0; j < n; j++)
            {
                var linked = outWeight[j] > NoLink;
                share[j] = linked ? scores[j] / outWeight[j] : 0;
                dangling += linked ? 0 : scores[j];
            }

            Multiply(vectors, share, mix, next);
            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                next[i] = ((1 - Damping) / n) + (Damping * (next[i] + (dangling / n)));
                change += Math.Abs(next[i] - scores[i]);
            }

            (scores, next) = (next, scores);
            if (change < Tolerance)
            {
                break;
            }
        }

        return scores;
    }

    // result = W·x, with W the sentence similarity matrix (see Rank); result may alias x.
    private static void Multiply(SparseVector[] vectors, double[] x, double[] mix, double[] result)
    {
        Array.Clear(mix);
        for (var j = 0; j < vectors.Length; j++)
        {
            vectors[j].AddTo(mix, x[j]);
        }

        for (var i = 0; i < vectors.Length; i++)
        {
            var similarity = vectors[i].Dot(mix) - (vectors[i].SquaredLength * x[i]);
            result[i] = similarity > NoLink ? similarity : 0;
        }
    }

    private static (SparseVector[] Vectors, int Vocabulary) Vectorize(List<string> sentences)
    {
        var wordIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var idLookup = wordIds.GetAlternateLookup<ReadOnlySpan<char>>();
        var terms = new List<int>[sentences.Count];
        var lower = new char[sentences.Max(s => s.Length)];
        for (var s = 0; s < sentences.Count; s++)
        {
            var length = sentences[s].AsSpan().ToLowerInvariant(lower);
            terms[s] = [];
            var start = 0;
            for (var i = 0; i <= length; i++)
            {
                if (i < length && char.IsLetterOrDigit(lower[i]))
                {
                    continue;
                }

                var word = lower.AsSpan(start, i - start);
                start = i + 1;
                if (word.Length < 2 || StopWordLookup.Contains(word))
                {
                    continue;
                }

                if (!idLookup.TryGetValue(word, out var id))
                {
                    id = wordIds.Count;
                    idLookup[word] = id;
                }

                terms[s].Add(id);
            }
        }

        var documentFrequency = new int[wordIds.Count];
        var vectors = new SparseVector[sentences.Count];
        for (var s = 0; s < sentences.Count; s++)
        {
            vectors[s] = SparseVector.FromTerms(terms[s]);
            foreach (var id in vectors[s].Ids)
            {
                documentFrequency[id]++;
            }
        }

        foreach (var vector in vectors)
        {
            vector.ApplyIdf(documentFrequency, sentences.Count);
        }

        return (vectors, wordIds.Count);
    }
}

/// <summary>A sentence as unit-length TF-IDF weights over word ids.</summary>
internal sealed class SparseVector
{
    private readonly int[] _ids;
    private readonly double[] _weights;

    private SparseVector(int[] ids, double[] weights)
    {
        _ids = ids;
        _weights = weights;
    }

    public ReadOnlySpan<int> Ids => _ids;

    /// <summary>One for a sentence with content words, zero for one without.</summary>
    public double SquaredLength { get; private set; }

    /// <summary>Term counts from a sentence's word ids, repeats included.</summary>
    public static SparseVector FromTerms(List<int> terms)
    {
        terms.Sort();
        var ids = new List<int>(terms.Count);
        var counts = new List<double>(terms.Count);
        foreach (var id in terms)
        {
            if (ids.Count > 0 && ids[^1] == id)
            {
                counts[^1]++;
            }
            else
            {
                ids.Add(id);
                counts.Add(1);
            }
        }

        return new SparseVector([.. ids], [.. counts]);
    }

    /// <summary>Weights each count by how rare its word is, then scales to unit length so a dot product is the cosine.</summary>
    public void ApplyIdf(int[] documentFrequency, int documents)
    {
        var norm = 0.0;
        for (var k = 0; k < _ids.Length; k++)
        {
            // Smoothed so a word found in every sentence still counts a little.
            _weights[k] *= 1 + Math.Log((1.0 + documents) / (1.0 + documentFrequency[_ids[k]]));
            norm += _weights[k] * _weights[k];
        }

        if (norm == 0)
        {
            return;
        }

        var scale = 1 / Math.Sqrt(norm);
        var squaredLength = 0.0;
        for (var k = 0; k < _weights.Length; k++)
        {
            _weights[k] *= scale;
            squaredLength += _weights[k] * _weights[k];
        }

        SquaredLength = squaredLength;
    }

    /// <summary>Adds factor times this vector to a dense vector indexed by word id.</summary>
    public void AddTo(Span<double> dense, double factor)
    {
        if (factor == 0)
        {
            return;
        }

        for (var k = 0; k < _ids.Length; k++)
        {
            dense[_ids[k]] += factor * _weights[k];
        }
    }

    public double Dot(ReadOnlySpan<double> dense)
    {
        var sum = 0.0;
        for (var k = 0; k < _ids.Length; k++)
        {
            sum += _weights[k] * dense[_ids[k]];
        }

        return sum;
    }
}
