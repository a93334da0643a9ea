using System.Diagnostics;
using System.Globalization;
using System.Text;
using HeadlessCms.Api.Summaries;
using SummarizerBench.Quality;

// Times ExtractiveSummarizer on a generated 5,000-word Markdown article.
// Run: dotnet run -c Release --project bench/SummarizerBench [runs]
// Quality: dotnet run -c Release --project bench/SummarizerBench quality <file.jsonl> [maxWords] [maxSentences]
if (args is ["quality", var path, .. var rest])
{
    var maxWords = rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 60;
    var maxSentences = rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 3;
    QualityMode.Run(path, maxWords, maxSentences);
    return;
}

const int TargetWords = 5_000;
const int WarmupRuns = 300;
var runs = args.Length > 0 ? Math.Max(1, int.Parse(args[0], CultureInfo.InvariantCulture)) : 200;

var article = ArticleGenerator.Generate(TargetWords);
var summarizer = new ExtractiveSummarizer();

// Warm-up lets tiered JIT settle so the timings reflect steady-state code.
var summary = string.Empty;
for (var i = 0; i < WarmupRuns; i++)
{
    summary = summarizer.Summarize(article);
}

var timings = new double[runs];
for (var i = 0; i < runs; i++)
{
    var start = Stopwatch.GetTimestamp();
    summary = summarizer.Summarize(article);
    timings[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

Array.Sort(timings);
var words = article.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
var sentences = SentenceSplitter.Split(MarkdownText.ToPlainText(article)).Count;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Article: {words} words, {sentences} sentences; {runs} runs after {WarmupRuns} warm-up runs"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mean {timings.Average():F2} ms, p50 {timings[runs / 2]:F2} ms, max {timings[^1]:F2} ms (target < 20 ms)"));
Console.WriteLine($"Summary: {summary}");

/// <summary>A reproducible news-style article: no Random, so every run times the same text.</summary>
internal static class ArticleGenerator
{
    private static readonly string[] Subjects =
    [
        "The city council", "Harbour workers", "Mayor Ellen Ward", "Local traders", "Engineers from the port authority",
        "Residents of the old town", "Dr. Amir Patel", "The U.S. consulate", "Opposition members", "The regional transport board",
    ];

    private static readonly string[] Verbs =
    [
        "approved", "questioned", "welcomed", "delayed", "inspected", "funded", "criticised", "reviewed", "defended", "debated",
    ];

    private static readonly string[] Objects =
    [
        "the new harbour bridge", "the flood defences", "the 2026 budget", "the tram extension", "the school repair programme",
        "plans for a ferry terminal", "the $2.75 toll", "the waterfront housing scheme", "a 3.5 per cent rates rise", "the night bus trial",
    ];

    private static readonly string[] Tails =
    [
        ".",
        " after a debate that lasted well into the evening.",
        " on Monday, according to a statement from the press office.",
        ", e.g. by asking for an independent audit of the costs.",
        " despite warnings from Prof. Lena Ortiz that costs could double.",
        ", and a final decision is expected before Jan. 15.",
        " while the *opposition* called for a public inquiry.",
        ", saying the [full report](https://example.com/report) would be published next week.",
    ];

    public static string Generate(int targetWords)
    {
        var markdown = new StringBuilder();
        var words = 0;
        var state = 0x2545F491u;
        for (var section = 0; words < targetWords; section++)
        {
            if (section % 3 == 0)
            {
                markdown.Append("## Section ").Append(section / 3 + 1).Append("\n\n");
            }

            var sentencesInParagraph = 3 + (int)(Next(ref state) % 4);
            for (var s = 0; s < sentencesInParagraph && words < targetWords; s++)
            {
                var sentence = Subjects[Next(ref state) % Subjects.Length] + " "
                    + Verbs[Next(ref state) % Verbs.Length] + " "
                    + Objects[Next(ref state) % Objects.Length]
                    + Tails[Next(ref state) % Tails.Length];
                markdown.Append(sentence).Append(' ');
                words += sentence.Split(' ').Length;
            }

            markdown.Append("\n\n");
            if (section % 5 == 4)
            {
                markdown.Append("- Traders asked for more parking\n- The ferry timetable will change in May\n\n");
                words += 14;
            }
        }

        return markdown.ToString();
    }

    // xorshift32: deterministic on every platform and runtime version, unlike System.Random's sequence.
    private static uint Next(ref uint state)
    {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    }
}
