using System.Collections.Frozen;

namespace HeadlessCms.Api.Summaries;

/// <summary>Sentence centrality over TF-IDF cosine similarity.</summary>
internal static class Centrality
{
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

    /// <summary>
    /// Position-aware centrality after PacSum (Zheng and Lapata, 2019): a sentence scores by how much the
    /// sentences after it take up its content words. News states a fact first and elaborates after, so the
    /// sentence that introduces what the rest discusses wins over one that restates it, and a scene-setting
    /// opening that nothing takes up loses. (PacSum also subtracts similarity to earlier sentences; on the
    /// CNN development set that scored lower, so it is left out.)
    /// </summary>
    /// <remarks>
    /// With unit TF-IDF vectors v, Σ_{j&gt;i} cos(i, j) = v_i · Σ_{j&gt;i} v_j, so one running sum of the
    /// vectors, built from the end, gives every score in one pass over the article's words instead of a
    /// pass over every pair of sentences.
    /// </remarks>
    public static double[] Forward(List<string> sentences)
    {
        var (vectors, vocabulary) = Vectorize(sentences);
        var scores = new double[vectors.Length];
        var later = new double[vocabulary];
        for (var i = vectors.Length - 1; i >= 0; i--)
        {
            scores[i] = vectors[i].Dot(later);
            vectors[i].AddTo(later);
        }

        return scores;
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

        // A sentence of stop words has no weights, so its infinite scale touches nothing.
        var scale = 1 / Math.Sqrt(norm);
        for (var k = 0; k < _weights.Length; k++)
        {
            _weights[k] *= scale;
        }
    }

    /// <summary>Adds this vector to a dense vector indexed by word id.</summary>
    public void AddTo(Span<double> dense)
    {
        for (var k = 0; k < _ids.Length; k++)
        {
            dense[_ids[k]] += _weights[k];
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
