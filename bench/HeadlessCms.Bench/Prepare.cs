using System.Globalization;
using System.Text;
using Npgsql;

namespace HeadlessCms.Bench;

/// <summary>Writes what the scenarios need from the seeded data: the deep cursor, slugs to read, a search word.</summary>
public static class Prepare
{
    public const int DeepRows = 500_000;

    public static async Task<int> RunAsync(string connectionString, string signingKey, string outDirectory)
    {
        Directory.CreateDirectory(outDirectory);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var visible = await Seeder.ScalarAsync<long>(dataSource,
            "SELECT count(*) FROM \"Articles\" WHERE \"Status\" = 'published' AND \"PublishedAt\" <= now()");

        // 500,000 rows deep, or half-way on a smaller data set.
        var depth = (int)Math.Min(DeepRows, visible / 2);
        DateTime key;
        int id;
        await using (var command = dataSource.CreateCommand(
            "SELECT \"PublishedAt\", \"Id\" FROM \"Articles\" WHERE \"Status\" = 'published' AND \"PublishedAt\" <= now() " +
            "ORDER BY \"PublishedAt\" DESC, \"Id\" DESC OFFSET $1 LIMIT 1"))
        {
            command.Parameters.AddWithValue(depth - 1);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            key = reader.GetFieldValue<DateTime>(0);
            id = reader.GetInt32(1);
        }

        var cursor = BenchCursor.After(signingKey, "-publishedAt", BenchCursor.NoFilters, key, id);

        var slugs = new List<string>();
        await using (var command = dataSource.CreateCommand(
            "SELECT \"Slug\" FROM \"Articles\" TABLESAMPLE SYSTEM (5) REPEATABLE (42) WHERE \"Status\" = 'published' AND \"PublishedAt\" <= now() LIMIT 1000"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                slugs.Add(reader.GetString(0));
            }
        }

        var lua = new StringBuilder("return {\n");
        foreach (var slug in slugs)
        {
            lua.Append("  \"").Append(slug).Append("\",\n");
        }

        await File.WriteAllTextAsync(Path.Combine(outDirectory, "slugs.lua"), lua.Append("}\n").ToString());

        // "headlesscms-bench:articles=N seconds=S writers=W", written by the seed when it finished.
        var seedSeconds = (await Seeder.MarkerAsync(dataSource))?.Split(' ').FirstOrDefault(p => p.StartsWith("seconds=", StringComparison.Ordinal))?["seconds=".Length..];
        var word = ContentGenerator.SearchWord;
        var matches = await Seeder.ScalarAsync<long>(dataSource,
            $"SELECT count(*) FROM \"Articles\" WHERE \"SearchVector\" @@ websearch_to_tsquery('english', '{word}')");
        var rareMatches = await Seeder.ScalarAsync<long>(dataSource,
            $"SELECT count(*) FROM \"Articles\" WHERE \"SearchVector\" @@ websearch_to_tsquery('english', '{ContentGenerator.RareWord}')");
        var sectionArticles = await Seeder.ScalarAsync<long>(dataSource,
            "SELECT count(*) FROM \"Articles\" a JOIN \"Categories\" c ON c.\"Id\" = a.\"CategoryId\" LEFT JOIN \"Categories\" p ON p.\"Id\" = c.\"ParentId\" " +
            $"WHERE a.\"Status\" = 'published' AND a.\"PublishedAt\" <= now() AND '{ContentGenerator.SectionSlug}' IN (c.\"Slug\", p.\"Slug\")");
        await File.WriteAllTextAsync(Path.Combine(outDirectory, "scenario.env"), string.Create(CultureInfo.InvariantCulture, $"""
            VISIBLE_ARTICLES={visible}
            S2_DEPTH={depth}
            S2_CURSOR={cursor}
            S4_SLUG={slugs[slugs.Count / 2]}
            SLUG_COUNT={slugs.Count}
            Q_WORD={word}
            Q_MATCHES={matches}
            Q_RARE_WORD={ContentGenerator.RareWord}
            Q_RARE_MATCHES={rareMatches}
            SECTION_SLUG={ContentGenerator.SectionSlug}
            SECTION_ARTICLES={sectionArticles}
            SEED_SECONDS={seedSeconds ?? "unknown"}

            """));
        Console.WriteLine($"Prepared: {visible:N0} visible articles, cursor {depth:N0} rows deep, {slugs.Count} slugs, q={word} ({matches:N0} matches), " +
            $"rare q={ContentGenerator.RareWord} ({rareMatches:N0}), section {ContentGenerator.SectionSlug} ({sectionArticles:N0} visible articles).");
        return 0;
    }
}
