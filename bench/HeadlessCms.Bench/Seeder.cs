using System.Diagnostics;
using System.Globalization;
using HeadlessCms.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace HeadlessCms.Bench;

/// <summary>
/// Loads the benchmark data with binary COPY. The schema always comes from the app's migrations; for the load the
/// secondary indexes and the foreign key of "Articles" are dropped and then re-created from their own definitions
/// (read back from the catalog), so the schema afterwards is exactly the migrated one.
/// </summary>
public static class Seeder
{
    private const string MarkerPrefix = "headlesscms-bench:";

    public static async Task<int> RunAsync(string connectionString, int articles, int writers, bool force)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        if (builder.Database is null || !builder.Database.Contains("bench", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"Refusing to seed database '{builder.Database}': the seed drops and rebuilds the schema, so its name must contain 'bench'.");
            return 2;
        }

        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        var marker = $"{MarkerPrefix}articles={articles} content={ContentGenerator.ContentVersion}";
        if (!force && await MarkerAsync(dataSource) is { } existing && (existing == marker || existing.StartsWith(marker + " ", StringComparison.Ordinal)))
        {
            Console.WriteLine($"Already seeded with {articles:N0} articles ({builder.Database}); nothing to do.");
            return 0;
        }

        var total = Stopwatch.StartNew();
        Console.WriteLine($"Seeding {articles:N0} articles into {builder.Database} with {writers} COPY writers...");
        await ExecuteAsync(dataSource, "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
        await MigrateAsync(builder.ConnectionString);
        await ExecuteAsync(dataSource, $"COMMENT ON TABLE \"Articles\" IS '{MarkerPrefix}loading';");
        Console.WriteLine($"  schema migrated                 {total.Elapsed.TotalSeconds,7:F1} s");

        var indexes = await ReadPairsAsync(dataSource,
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'Articles' AND indexname <> 'PK_Articles'");
        var foreignKeys = await ReadPairsAsync(dataSource,
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '\"Articles\"'::regclass AND contype = 'f'");
        foreach (var (name, _) in foreignKeys)
        {
            await ExecuteAsync(dataSource, $"ALTER TABLE \"Articles\" DROP CONSTRAINT \"{name}\"");
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(dataSource, $"DROP INDEX \"{name}\"");
        }

        var now = DateTime.UtcNow;
        await CopyCategoriesAsync(dataSource, now);

        var load = Stopwatch.StartNew();
        var done = 0L;
        using var progress = new Timer(_ => Report(Interlocked.Read(ref done), articles, load.Elapsed), null, 2000, 2000);
        var chunk = (articles + writers - 1) / writers;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w =>
            Task.Run(() => CopyArticlesAsync(dataSource, (w * chunk) + 1, Math.Min(articles, (w + 1) * chunk), now, () => Interlocked.Increment(ref done)))));
        await progress.DisposeAsync();
        Report(done, articles, load.Elapsed);
        Console.WriteLine($"  articles copied                 {total.Elapsed.TotalSeconds,7:F1} s  (copy {load.Elapsed.TotalSeconds:F1} s)");

        // Index builds after the load are much faster than maintaining them row by row. The GIN index is by far the
        // biggest, so it is built on its own connection beside the B-trees.
        var indexing = Stopwatch.StartNew();
        var gin = indexes.Where(i => i.Value.Contains("USING gin", StringComparison.OrdinalIgnoreCase)).ToList();
        var btrees = indexes.Except(gin).ToList();
        await Task.WhenAll(
            CreateIndexesAsync(dataSource, gin),
            CreateIndexesAsync(dataSource, btrees));
        foreach (var (name, definition) in foreignKeys)
        {
            await ExecuteAsync(dataSource, $"ALTER TABLE \"Articles\" ADD CONSTRAINT \"{name}\" {definition}");
        }

        await ExecuteAsync(dataSource,
            "SELECT setval(pg_get_serial_sequence('\"Articles\"', 'Id'), (SELECT max(\"Id\") FROM \"Articles\"));" +
            "SELECT setval(pg_get_serial_sequence('\"Categories\"', 'Id'), (SELECT max(\"Id\") FROM \"Categories\"));");
        Console.WriteLine($"  indexes and constraints rebuilt {total.Elapsed.TotalSeconds,7:F1} s  (indexes {indexing.Elapsed.TotalSeconds:F1} s)");

        // VACUUM sets the visibility map, which index-only scans (the numbered-page walk) need; ANALYZE gives the
        // planner real statistics. A live table gets both from autovacuum.
        var vacuum = Stopwatch.StartNew();
        // VACUUM cannot share a batch (an implicit transaction) with anything else.
        await ExecuteAsync(dataSource, "VACUUM (ANALYZE) \"Articles\"");
        await ExecuteAsync(dataSource, "VACUUM (ANALYZE) \"Categories\"");
        Console.WriteLine($"  vacuum + analyze                {total.Elapsed.TotalSeconds,7:F1} s  (vacuum {vacuum.Elapsed.TotalSeconds:F1} s)");

        await ExecuteAsync(dataSource, string.Create(CultureInfo.InvariantCulture, $"COMMENT ON TABLE \"Articles\" IS '{marker} seconds={total.Elapsed.TotalSeconds:F1} writers={writers}';"));
        var size = await ScalarAsync<string>(dataSource, "SELECT pg_size_pretty(pg_database_size(current_database()))");
        Console.WriteLine($"Seeded {articles:N0} articles and {ContentGenerator.CategoryCount} categories in {total.Elapsed.TotalSeconds:F1} s; database size {size}.");
        Console.WriteLine($"SEED_SECONDS={total.Elapsed.TotalSeconds:F1}");
        return 0;
    }

    private static async Task MigrateAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<CmsDbContext>();
        CmsDatabase.Configure(options, DatabaseProvider.Postgres, connectionString);
        await using var db = new CmsDbContext(options.Options);
        await db.Database.MigrateAsync();
    }

    private static async Task CopyCategoriesAsync(NpgsqlDataSource dataSource, DateTime now)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY \"Categories\" (\"Id\", \"Name\", \"Slug\", \"Description\", \"ParentId\", \"CreatedAt\", \"UpdatedAt\", \"Version\") FROM STDIN (FORMAT BINARY)");
        foreach (var (id, name, slug, parentId) in ContentGenerator.Categories())
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(id, NpgsqlDbType.Integer);
            await writer.WriteAsync(name, NpgsqlDbType.Varchar);
            await writer.WriteAsync(slug, NpgsqlDbType.Varchar);
            await writer.WriteAsync($"News about {name.ToLowerInvariant()}.", NpgsqlDbType.Varchar);
            await WriteNullableAsync(writer, parentId, NpgsqlDbType.Integer);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
        }

        await writer.CompleteAsync();
    }

    private static async Task CopyArticlesAsync(NpgsqlDataSource dataSource, int firstId, int lastId, DateTime now, Action rowDone)
    {
        var generator = ContentGenerator.Instance;
        var article = new GeneratedArticle();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY \"Articles\" (\"Id\", \"Title\", \"Slug\", \"Body\", \"Author\", \"FeaturedImageUrl\", \"CategoryId\", \"Status\", \"PublishedAt\", " +
            "\"CreatedAt\", \"UpdatedAt\", \"Version\", \"WordCount\", \"BodyVersion\", \"SummaryText\", \"SummarySource\", \"SummaryGenerator\", " +
            "\"SummaryBodyVersion\", \"SummaryUpdatedAt\") FROM STDIN (FORMAT BINARY)");
        for (var id = firstId; id <= lastId; id++)
        {
            generator.Fill(id, now, article);
            await writer.StartRowAsync();
            await writer.WriteAsync(id, NpgsqlDbType.Integer);
            await writer.WriteAsync(article.Title.ToString(), NpgsqlDbType.Varchar);
            await writer.WriteAsync(article.Slug.ToString(), NpgsqlDbType.Varchar);
            await writer.WriteAsync(article.Body.ToString(), NpgsqlDbType.Text);
            await WriteNullableAsync(writer, article.Author, NpgsqlDbType.Varchar);
            await WriteNullableAsync(writer, article.FeaturedImageUrl, NpgsqlDbType.Varchar);
            await writer.WriteAsync(article.CategoryId, NpgsqlDbType.Integer);
            await writer.WriteAsync(article.Status, NpgsqlDbType.Varchar);
            await WriteNullableAsync(writer, article.PublishedAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(article.CreatedAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(article.UpdatedAt, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
            await writer.WriteAsync(article.WordCount, NpgsqlDbType.Integer);
            await writer.WriteAsync(1, NpgsqlDbType.Integer);
            if (article.HasSummary)
            {
                await writer.WriteAsync(article.Summary.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync("generated", NpgsqlDbType.Varchar);
                await writer.WriteAsync("bench-seed/1", NpgsqlDbType.Varchar);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(article.UpdatedAt, NpgsqlDbType.TimestampTz);
            }
            else
            {
                for (var i = 0; i < 5; i++)
                {
                    await writer.WriteNullAsync();
                }
            }

            rowDone();
        }

        await writer.CompleteAsync();
    }

    private static async Task CreateIndexesAsync(NpgsqlDataSource dataSource, List<KeyValuePair<string, string>> indexes)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var settings = new NpgsqlCommand("SET maintenance_work_mem = '512MB'; SET max_parallel_maintenance_workers = 2;", connection))
        {
            await settings.ExecuteNonQueryAsync();
        }

        foreach (var (name, definition) in indexes)
        {
            var watch = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand(definition, connection);
            await command.ExecuteNonQueryAsync();
            Console.WriteLine($"    {name,-40} {watch.Elapsed.TotalSeconds,6:F1} s");
        }
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await writer.WriteNullAsync();
        }
        else
        {
            await writer.WriteAsync(value, type);
        }
    }

    private static void Report(long done, int total, TimeSpan elapsed) =>
        Console.WriteLine($"    {done,10:N0} / {total:N0} articles  {100.0 * done / total,5:F1}%  {done / Math.Max(0.001, elapsed.TotalSeconds),8:N0} rows/s");

    internal static async Task<string?> MarkerAsync(NpgsqlDataSource dataSource)
    {
        try
        {
            return await ScalarAsync<string?>(dataSource, "SELECT obj_description('\"Articles\"'::regclass, 'pg_class')");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    private static async Task<List<KeyValuePair<string, string>>> ReadPairsAsync(NpgsqlDataSource dataSource, string sql)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pairs.Add(new(reader.GetString(0), reader.GetString(1)));
        }

        return pairs;
    }

    internal static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? default! : (T)value!;
    }
}
