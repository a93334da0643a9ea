namespace SummarizerBench.Quality;

/// <summary>Precision, recall and F1 of one ROUGE comparison, each between 0 and 1.</summary>
internal readonly record struct RougeScore(double Precision, double Recall, double F1)
{
    public static RougeScore From(int hits, int candidateTotal, int referenceTotal)
    {
        var precision = candidateTotal == 0 ? 0 : (double)hits / candidateTotal;
        var recall = referenceTotal == 0 ? 0 : (double)hits / referenceTotal;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new RougeScore(precision, recall, f1);
    }
}

/// <summary>
/// ROUGE-N and ROUGE-Lsum as Google's rouge-score package computes them: lower-cased alphanumeric tokens,
/// Porter-stemmed when longer than three characters; Lsum takes the union LCS of each reference line
/// against every candidate line.
/// </summary>
internal sealed class Rouge
{
    private readonly PorterStemmer _stemmer = new();
    private readonly Dictionary<string, string> _stems = new(StringComparer.Ordinal);

    public List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var lower = text.ToLowerInvariant();
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            var isToken = i < lower.Length && lower[i] is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (isToken && start < 0)
            {
                start = i;
            }
            else if (!isToken && start >= 0)
            {
                tokens.Add(StemOf(lower[start..i]));
                start = -1;
            }
        }

        return tokens;
    }

    public RougeScore N(string candidate, string reference, int n) => N(Tokenize(candidate), Tokenize(reference), n);

    public static RougeScore N(List<string> candidate, List<string> reference, int n)
    {
        var referenceGrams = Grams(reference, n);
        var candidateGrams = Grams(candidate, n);
        var hits = 0;
        foreach (var (gram, count) in candidateGrams)
        {
            hits += Math.Min(count, referenceGrams.GetValueOrDefault(gram));
        }

        return RougeScore.From(hits, Math.Max(0, candidate.Count - n + 1), Math.Max(0, reference.Count - n + 1));
    }

    /// <summary>ROUGE-Lsum; both texts hold one sentence per line.</summary>
    public RougeScore LSum(string candidateLines, string referenceLines)
    {
        var candidate = Lines(candidateLines);
        var reference = Lines(referenceLines);
        var candidateLeft = Counts(candidate);
        var referenceLeft = Counts(reference);
        var hits = 0;
        foreach (var line in reference)
        {
            // A token is credited at most as often as it occurs on both sides.
            foreach (var token in UnionLcs(line, candidate))
            {
                if (candidateLeft.GetValueOrDefault(token) > 0 && referenceLeft.GetValueOrDefault(token) > 0)
                {
                    hits++;
                    candidateLeft[token]--;
                    referenceLeft[token]--;
                }
            }
        }

        return RougeScore.From(hits, candidate.Sum(l => l.Count), reference.Sum(l => l.Count));
    }

    private string StemOf(string token)
    {
        if (token.Length <= 3)
        {
            return token;
        }

        if (!_stems.TryGetValue(token, out var stem))
        {
            stem = _stemmer.Stem(token);
            _stems[token] = stem;
        }

        return stem;
    }

    private List<List<string>> Lines(string text) =>
        [.. text.Split('\n').Select(Tokenize).Where(tokens => tokens.Count > 0)];

    private static Dictionary<string, int> Counts(List<List<string>> lines)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in lines.SelectMany(l => l))
        {
            counts[token] = counts.GetValueOrDefault(token) + 1;
        }

        return counts;
    }

    private static Dictionary<string, int> Grams(List<string> tokens, int n)
    {
        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var gram = string.Join(' ', tokens.Skip(i).Take(n));
            grams[gram] = grams.GetValueOrDefault(gram) + 1;
        }

        return grams;
    }

    // The reference tokens that lie on an LCS with at least one candidate line, in reference order.
    private static List<string> UnionLcs(List<string> reference, List<List<string>> candidate)
    {
        var union = new SortedSet<int>();
        foreach (var line in candidate)
        {
            union.UnionWith(LcsIndices(reference, line));
        }

        return [.. union.Select(i => reference[i])];
    }

    private static List<int> LcsIndices(List<string> a, List<string> b)
    {
        var table = new int[a.Count + 1, b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        var indices = new List<int>();
        for (int i = a.Count, j = b.Count; i > 0 && j > 0;)
        {
            if (a[i - 1] == b[j - 1])
            {
                indices.Add(i - 1);
                i--;
                j--;
            }
            else if (table[i - 1, j] >= table[i, j - 1])
            {
                i--;
            }
            else
            {
                j--;
            }
        }

        return indices;
    }
}
