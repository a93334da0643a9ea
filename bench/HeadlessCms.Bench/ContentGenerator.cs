using System.Text;

namespace HeadlessCms.Bench;

/// <summary>
/// Deterministic pseudo-random news content: article i is always the same text, whichever thread makes it.
/// Words follow a Zipf distribution over real news words and made-up ones, so full-text search has frequent,
/// medium and rare terms to look for.
/// </summary>
public sealed class ContentGenerator
{
    public const int TopCategories = 20;
    public const int ChildrenPerTop = 9;
    /// <summary>A small section for S9: a top-level category with two children, holding 0.5% of the articles.</summary>
    public const string SectionSlug = "local";
    public const int CategoryCount = (TopCategories * (ChildrenPerTop + 1)) + 3;

    /// <summary>Part of the seed marker: a database seeded by another version of this generator is seeded again.</summary>
    public const int ContentVersion = 2;

    /// <summary>A word in one article of every 62,500 (16 at 1,000,000): the rare search of S6.</summary>
    public const string RareWord = "zeppelin";
    private const int RareWordEvery = 62_500;
    private const int SectionShare = 200;

    /// <summary>A word of rank ~1,000: in roughly 3% of the articles, the kind of term a reader searches for.</summary>
    public static string SearchWord => Instance.vocabulary[SearchWordRank];

    private const int SearchWordRank = 1000;
    private const int ZipfTableSize = 1 << 20;
    private const int TargetBodyChars = 2000;

    private static readonly string[] CommonWords =
    [
        "government", "minister", "election", "market", "city", "council", "report", "police", "court", "health",
        "school", "company", "energy", "climate", "budget", "week", "year", "people", "water", "station", "football",
        "season", "team", "league", "player", "coach", "record", "science", "research", "study", "university",
        "hospital", "doctor", "patient", "vaccine", "bank", "interest", "rate", "inflation", "price", "housing",
        "rent", "transport", "railway", "airport", "flight", "storm", "flood", "fire", "village", "region",
        "border", "trade", "tariff", "export", "factory", "worker", "union", "strike", "festival", "music", "film",
        "theatre", "museum", "artist", "novel", "author", "technology", "software", "startup", "data", "privacy",
        "security", "network", "phone", "internet", "satellite", "space", "mission", "launch", "ocean", "forest",
        "wildlife", "farmer", "harvest", "food", "restaurant", "chef", "tourism", "hotel", "beach", "mountain",
        "bridge", "road", "traffic", "bicycle", "electric", "vehicle", "battery", "solar", "wind", "nuclear",
        "gas", "oil", "pipeline", "parliament", "senate", "vote", "campaign", "candidate", "poll", "policy",
        "reform", "tax", "pension", "court", "judge", "trial", "verdict", "investigation", "crime", "prison",
        "protest", "crowd", "summit", "treaty", "alliance", "army", "peace", "talks", "refugee", "aid",
        "charity", "volunteer", "library", "student", "teacher", "exam", "child", "family", "community", "mayor",
        "district", "neighbourhood", "plan", "project", "funding", "investment", "profit", "loss", "shares",
        "investor", "economy", "growth", "recession", "jobs", "unemployment", "wage", "consumer", "retail",
        "shop", "online", "sales", "brand", "design", "fashion", "sport", "olympic", "medal", "championship",
        "final", "match", "goal", "victory", "defeat", "injury", "transfer", "stadium", "fans", "ticket",
    ];

    private static readonly string[] Syllables =
    [
        "ba", "be", "bi", "bo", "da", "de", "di", "do", "fa", "fe", "ga", "go", "ka", "ke", "ki", "ko", "la", "le",
        "li", "lo", "ma", "me", "mi", "mo", "na", "ne", "ni", "no", "pa", "pe", "pi", "po", "ra", "re", "ri", "ro",
        "sa", "se", "si", "so", "ta", "te", "ti", "to", "va", "ve", "vi", "vo", "za", "zo", "tran", "mel", "dor",
        "ven", "kal", "sor", "bren", "quil", "mar", "tes",
    ];

    private static readonly string[] Glue = ["the", "a", "of", "and", "in", "to", "for", "with", "on", "after", "before", "as", "by", "at", "from"];

    private static readonly string[] TopNames =
    [
        "World", "Politics", "Business", "Technology", "Science", "Health", "Sport", "Culture", "Travel", "Food",
        "Education", "Environment", "Opinion", "Money", "Cities", "Motoring", "Style", "Books", "Music", "Film",
    ];

    private static readonly string[] ChildNames = ["Europe", "Americas", "Asia", "Africa", "Oceania", "Analysis", "Features", "Interviews", "Briefing"];

    private static readonly string[] FirstNames = ["Ana", "Ben", "Chloe", "David", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemi", "Luca", "Maya", "Nils", "Olga", "Priya", "Rui", "Sara", "Tomas", "Yara"];
    private static readonly string[] LastNames = ["Adler", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jansen", "Kowalski", "Lopez", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Silva", "Tanaka"];

    // Declared after the word lists: static fields initialise in textual order.
    public static readonly ContentGenerator Instance = new();

    private readonly string[] vocabulary;
    private readonly int[] zipf = new int[ZipfTableSize];

    private ContentGenerator()
    {
        var words = new List<string>(CommonWords.Distinct());
        var seen = new HashSet<string>(words);
        var rng = new Rng(12345);
        while (words.Count < 20_000)
        {
            var syllables = 2 + rng.Next(3);
            var word = new StringBuilder();
            for (var s = 0; s < syllables; s++)
            {
                word.Append(Syllables[rng.Next(Syllables.Length)]);
            }

            if (seen.Add(word.ToString()))
            {
                words.Add(word.ToString());
            }
        }

        vocabulary = [.. words];

        // Quantised Zipf (s = 1): slot j of the table holds the word whose cumulative share covers j.
        var harmonic = 0.0;
        for (var r = 1; r <= vocabulary.Length; r++)
        {
            harmonic += 1.0 / r;
        }

        var cumulative = 0.0;
        var slot = 0;
        for (var r = 0; r < vocabulary.Length && slot < ZipfTableSize; r++)
        {
            cumulative += 1.0 / ((r + 1) * harmonic);
            var end = (int)Math.Min(ZipfTableSize, Math.Round(cumulative * ZipfTableSize));
            while (slot < end)
            {
                zipf[slot++] = r;
            }
        }

        while (slot < ZipfTableSize)
        {
            zipf[slot++] = vocabulary.Length - 1;
        }
    }

    public static IEnumerable<(int Id, string Name, string Slug, int? ParentId)> Categories()
    {
        var id = 1;
        for (var t = 0; t < TopCategories; t++)
        {
            var topId = id++;
            yield return (topId, TopNames[t], TopNames[t].ToLowerInvariant(), null);
            foreach (var child in ChildNames)
            {
                yield return (id++, TopNames[t] + " " + child, TopNames[t].ToLowerInvariant() + "-" + child.ToLowerInvariant(), topId);
            }
        }

        var sectionId = id++;
        yield return (sectionId, "Local", SectionSlug, null);
        yield return (id++, "Local North", SectionSlug + "-north", sectionId);
        yield return (id, "Local South", SectionSlug + "-south", sectionId);
    }

    /// <summary>Makes article <paramref name="id"/> (1-based) into <paramref name="article"/>, reusing its buffers.</summary>
    public void Fill(int id, DateTime now, GeneratedArticle article)
    {
        var rng = new Rng((ulong)id * 0x9E3779B97F4A7C15UL);
        var title = article.Title.Clear();
        var slug = article.Slug.Clear();
        var titleWords = 4 + rng.Next(5);
        for (var w = 0; w < titleWords; w++)
        {
            var word = Word(ref rng);
            if (w > 0)
            {
                title.Append(' ');
                slug.Append('-');
            }

            title.Append(w == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word);
            slug.Append(word);
        }

        if (slug.Length > 80)
        {
            slug.Length = 80;
        }

        // The id keeps slugs unique whatever the words.
        slug.Append('-').Append(id);

        var body = article.Body.Clear();
        var summary = article.Summary.Clear();
        body.Append("## ").Append(title).Append("\n\n");
        var words = 0;
        var paragraph = 0;
        while (body.Length < TargetBodyChars)
        {
            if (paragraph == 2 && rng.Next(2) == 0)
            {
                var items = 2 + rng.Next(3);
                for (var i = 0; i < items; i++)
                {
                    body.Append("- ");
                    words += Sentence(ref rng, body, 4, 8, bold: false);
                    body.Append('\n');
                }

                body.Append('\n');
            }

            var sentences = 3 + rng.Next(4);
            for (var s = 0; s < sentences; s++)
            {
                var start = body.Length;
                words += Sentence(ref rng, body, 8, 18, bold: rng.Next(8) == 0);
                if (paragraph == 0 && s < 2)
                {
                    summary.Append(s > 0 ? " " : string.Empty).Append(body, start, body.Length - start);
                }

                body.Append(' ');
            }

            body.Length--;
            body.Append("\n\n");
            paragraph++;
        }

        body.Length -= 2;
        if (id % RareWordEvery == 7)
        {
            body.Append(" A ").Append(RareWord).Append(" flew over.");
            words += 4;
        }

        article.Summary.Replace("**", string.Empty);
        article.WordCount = words + titleWords;

        article.Author = rng.Next(10) == 0 ? null : FirstNames[rng.Next(FirstNames.Length)] + " " + LastNames[rng.Next(LastNames.Length)];
        article.FeaturedImageUrl = rng.Next(2) == 0 ? null : $"https://images.example.com/articles/{id}.jpg";
        // Nine in ten articles sit in a subcategory, the rest in a top-level one.
        var top = rng.Next(TopCategories);
        article.CategoryId = 1 + (top * (ChildrenPerTop + 1)) + (rng.Next(10) == 0 ? 0 : 1 + rng.Next(ChildrenPerTop));
        // From its own stream, so the rest of the content is what it was before the section existed.
        if (new Rng(((ulong)id * 0xA24BAED4963EE407UL) + 3).Next(SectionShare) == 0)
        {
            article.CategoryId = (TopCategories * (ChildrenPerTop + 1)) + 1 + (id % 3);
        }

        // Published minutes spread over ~11 years: whole minutes, so some articles share a publishedAt, and one in
        // fifty shares its predecessor's on purpose (the paging order must break ties by id).
        var start2015 = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var spanMinutes = (int)((now.AddDays(-1) - start2015).TotalMinutes);
        var publishedAt = start2015.AddMinutes(PublishedMinute(rng.Next(50) == 0 && id > 1 ? id - 1 : id, spanMinutes));

        var visibility = rng.Next(100);
        (article.Status, article.PublishedAt) = visibility switch
        {
            < 4 => ("draft", (DateTime?)null),
            < 7 => ("published", now.AddMinutes(60 + rng.Next(365 * 24 * 60))),
            < 10 => ("archived", publishedAt),
            _ => ("published", publishedAt),
        };
        article.Visible = visibility >= 10;
        // Every article that is or was published has a summary (the API's start-up backfill would make the missing ones).
        article.HasSummary = visibility >= 4;
        var reference = article.PublishedAt is { } p && p <= now ? p : start2015.AddMinutes(rng.Next(spanMinutes));
        article.CreatedAt = reference.AddMinutes(-rng.Next(3 * 24 * 60));
        article.UpdatedAt = reference.AddMinutes(rng.Next(3) == 0 ? rng.Next(30 * 24 * 60) : 0);
        if (article.UpdatedAt > now)
        {
            article.UpdatedAt = now;
        }
    }

    /// <summary>From its own stream, so an article can take its predecessor's minute without making its text.</summary>
    private static int PublishedMinute(int id, int spanMinutes) => new Rng(((ulong)id * 0xD1B54A32D192ED03UL) + 7).Next(spanMinutes);

    private int Sentence(ref Rng rng, StringBuilder text, int min, int max, bool bold)
    {
        var count = min + rng.Next(max - min + 1);
        var boldAt = bold ? rng.Next(count) : -1;
        for (var w = 0; w < count; w++)
        {
            if (w > 0)
            {
                text.Append(' ');
            }

            var word = w % 4 == 2 ? Glue[rng.Next(Glue.Length)] : Word(ref rng);
            if (w == 0)
            {
                text.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }
            else if (w == boldAt)
            {
                text.Append("**").Append(word).Append("**");
            }
            else
            {
                text.Append(word);
            }
        }

        text.Append('.');
        return count;
    }

    private string Word(ref Rng rng) => vocabulary[zipf[rng.Next(ZipfTableSize)]];
}

public sealed class GeneratedArticle
{
    public StringBuilder Title { get; } = new(128);
    public StringBuilder Slug { get; } = new(128);
    public StringBuilder Body { get; } = new(2600);
    public StringBuilder Summary { get; } = new(400);
    public int WordCount { get; set; }
    public string? Author { get; set; }
    public string? FeaturedImageUrl { get; set; }
    public int CategoryId { get; set; }
    public string Status { get; set; } = "draft";
    public DateTime? PublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public bool Visible { get; set; }
    public bool HasSummary { get; set; }
}

/// <summary>SplitMix64: tiny, fast and the same on every runtime (System.Random's sequence is not promised).</summary>
public struct Rng(ulong seed)
{
    private ulong state = seed;

    public int Next(int maxExclusive)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)((z >> 33) % (ulong)maxExclusive);
    }
}
