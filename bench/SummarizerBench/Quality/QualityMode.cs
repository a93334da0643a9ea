using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HeadlessCms.Api.Summaries;

namespace SummarizerBench.Quality;

/// <summary>
/// Scores the summarizer against reference highlights: ROUGE for it, Lead-3 and the lead cut to the same
/// number of words, and the defect rates of issue 17. The data set stays outside the repository.
/// </summary>
internal static class QualityMode
{
    private sealed class Totals
    {
        public double R1;
        public double R2;
        public double RL;

        public void Add(Rouge rouge, string lines, string reference)
        {
            var joined = lines.Replace('\n', ' ');
            R1 += rouge.N(joined, reference, 1).F1;
            R2 += rouge.N(joined, reference, 2).F1;
            RL += rouge.LSum(lines, reference).F1;
        }
    }

    public static void Run(string path, int maxWords, int maxSentences)
    {
        var rouge = new Rouge();
        var summarizer = new ExtractiveSummarizer(maxSentences, maxWords);
        Totals ours = new(), lead3 = new(), matched = new();
        var deltaR1 = new List<double>();
        var deltaR2 = new List<double>();
        int count = 0, unbalanced = 0, dangling = 0, filler = 0, dateline = 0, boilerplate = 0, over60 = 0, over70 = 0;
        int leadUnbalanced = 0, leadDateline = 0;
        double words = 0, milliseconds = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var article = json.RootElement.GetProperty("article").GetString() ?? string.Empty;
            var reference = json.RootElement.GetProperty("reference").GetString() ?? string.Empty;
            var articleSentences = SentenceSplitter.Split(MarkdownText.ToPlainText(article));

            var start = Stopwatch.GetTimestamp();
            var summary = summarizer.Summarize(article);
            milliseconds += Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            var summarySentences = SentenceSplitter.Split(summary);
            var summaryWords = Defects.Words(summary);
            var lead = string.Join('\n', articleSentences.Take(3));
            var cut = string.Join(' ', string.Join(' ', articleSentences).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(summaryWords));

            var before = (ours.R1, ours.R2, matched.R1, matched.R2);
            ours.Add(rouge, string.Join('\n', summarySentences), reference);
            lead3.Add(rouge, lead, reference);
            matched.Add(rouge, string.Join('\n', SentenceSplitter.Split(cut)), reference);
            deltaR1.Add((ours.R1 - before.Item1) - (matched.R1 - before.Item3));
            deltaR2.Add((ours.R2 - before.Item2) - (matched.R2 - before.Item4));

            count++;
            words += summaryWords;
            unbalanced += Defects.HasUnbalancedQuotes(summary) ? 1 : 0;
            dangling += Defects.HasDanglingStart(summarySentences, articleSentences) ? 1 : 0;
            filler += Defects.HasFiller(summarySentences) ? 1 : 0;
            dateline += Defects.HasDateline(summary) ? 1 : 0;
            boilerplate += Defects.HasBoilerplate(summary) ? 1 : 0;
            over60 += summaryWords > 60 ? 1 : 0;
            over70 += summaryWords > 70 ? 1 : 0;
            leadUnbalanced += Defects.HasUnbalancedQuotes(lead) ? 1 : 0;
            leadDateline += Defects.HasDateline(lead) ? 1 : 0;
        }

        Print($"{count} articles from {Path.GetFileName(path)}; summarizer {summarizer.Name}, at most {maxSentences} sentences / {maxWords} words");
        Print($"mean summary length {words / count:F1} words; {milliseconds / count:F2} ms per article (cold and warm runs together)");
        Print($"ROUGE F1 x100         R-1    R-2    R-Lsum");
        Row("ours", ours, count);
        Row("Lead-3", lead3, count);
        Row("lead, same length", matched, count);
        Print($"ours - same-length lead: R-1 {Mean(deltaR1):+0.00;-0.00} (s.e. {StandardError(deltaR1):F2}), R-2 {Mean(deltaR2):+0.00;-0.00} (s.e. {StandardError(deltaR2):F2})");
        Print($"defects (% of summaries)   ours   Lead-3");
        Print($"  unbalanced quotes       {Percent(unbalanced, count),5:F1}  {Percent(leadUnbalanced, count),5:F1}");
        Print($"  dangling start          {Percent(dangling, count),5:F1}");
        Print($"  filler (<= 6 words)     {Percent(filler, count),5:F1}");
        Print($"  dateline                {Percent(dateline, count),5:F1}  {Percent(leadDateline, count),5:F1}");
        Print($"  boilerplate             {Percent(boilerplate, count),5:F1}");
        Print($"  over 60 words           {Percent(over60, count),5:F1}");
        Print($"  over 70 words           {Percent(over70, count),5:F1}");
    }

    private static void Row(string name, Totals totals, int count) =>
        Print($"  {name,-18} {100 * totals.R1 / count,6:F2} {100 * totals.R2 / count,6:F2} {100 * totals.RL / count,6:F2}");

    private static double Percent(int part, int whole) => 100.0 * part / whole;

    private static double Mean(List<double> values) => 100 * values.Average();

    private static double StandardError(List<double> values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return 100 * Math.Sqrt(variance / values.Count);
    }

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
