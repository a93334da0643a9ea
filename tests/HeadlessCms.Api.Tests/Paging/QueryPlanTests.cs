using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Api.Tests.Fixtures;
using HeadlessCms.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HeadlessCms.Api.Tests.Paging;

/// <summary>
/// The app on PostgreSQL with 120,000 articles, recording every SQL command EF sends, so a test can ask PostgreSQL how
/// it runs exactly what a request ran.
/// </summary>
public sealed class LargePostgresApiFactory : PostgresApiFactory
{
    public const int Articles = 120_000;

    public SqlRecorder Recorder { get; } = new();

    public string Database => ConnectionString;

    public override async ValueTask InitializeAsync()
    {
        // The plans are of the SQL each request runs: a response from the output cache would run none.
        Set("Cms:Caching:OutputCacheEnabled", "false");
        // Only the requests' own SQL is recorded: no webhook dispatcher or scheduler polling in between.
        Set("Cms:Events:RunBackgroundJobs", "false");
        await base.InitializeAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        // Twenty categories (2-5 are children of 1), then articles: 80% published with three sharing each minute,
        // 1% of those scheduled in the future, 10% drafts, 10% archived; 70% with a summary. A small section
        // (plan-section with two subsections) holds 0.5% of the articles, all visible. 'quarry' is in 2% of the
        // bodies, 'zeppelin' in 15.
        await ExecuteAsync(connection, """
            INSERT INTO "Categories" ("Name", "Slug", "Description", "ParentId", "CreatedAt", "UpdatedAt", "Version")
            SELECT 'Plan category ' || g, 'plan-category-' || g, NULL, NULL, now(), now(), 1 FROM generate_series(1, 20) g;
            UPDATE "Categories" c SET "ParentId" = p."Id" FROM "Categories" p
            WHERE p."Slug" = 'plan-category-1' AND c."Slug" IN ('plan-category-2', 'plan-category-3', 'plan-category-4', 'plan-category-5');
            INSERT INTO "Categories" ("Name", "Slug", "Description", "ParentId", "CreatedAt", "UpdatedAt", "Version")
            VALUES ('Plan section', 'plan-section', NULL, NULL, now(), now(), 1);
            INSERT INTO "Categories" ("Name", "Slug", "Description", "ParentId", "CreatedAt", "UpdatedAt", "Version")
            SELECT 'Plan section ' || s, 'plan-section-' || s, NULL, p."Id", now(), now(), 1 FROM "Categories" p, unnest(ARRAY['a', 'b']) s
            WHERE p."Slug" = 'plan-section';
            """);
        await ExecuteAsync(connection, $"""
            WITH categories AS (SELECT array_agg("Id" ORDER BY "Id") AS ids FROM "Categories" WHERE "Slug" LIKE 'plan-category-%'),
            sections AS (SELECT array_agg("Id" ORDER BY "Slug") AS ids FROM "Categories" WHERE "Slug" LIKE 'plan-section%')
            INSERT INTO "Articles" ("Title", "Slug", "Body", "Author", "FeaturedImageUrl", "CategoryId", "Status", "PublishedAt", "CreatedAt",
                "UpdatedAt", "Version", "WordCount", "BodyVersion", "SummaryText", "SummarySource", "SummaryGenerator", "SummaryBodyVersion", "SummaryUpdatedAt")
            SELECT 'Plan article ' || g, 'plan-article-' || g, 'The council met about item ' || g || '. It approved the budget.'
                    || CASE WHEN g % 50 = 7 THEN ' The quarry reopens.' ELSE '' END || CASE WHEN g % 8000 = 3 THEN ' A zeppelin flew over.' ELSE '' END,
                'Author ' || (g % 50), NULL,
                CASE WHEN g % 600 IN (2, 3, 4) THEN sections.ids[g % 600 - 1] ELSE categories.ids[1 + g % 20] END,
                CASE g % 10 WHEN 0 THEN 'draft' WHEN 1 THEN 'archived' ELSE 'published' END,
                CASE WHEN g % 10 = 0 THEN NULL
                     WHEN g % 100 = 5 THEN now() + interval '10 days'
                     ELSE timestamptz '2020-01-01 00:00:00+00' + (g / 3) * interval '1 minute' END,
                timestamptz '2020-01-01 00:00:00+00' + g * interval '10 seconds',
                timestamptz '2020-01-01 00:00:00+00' + g * interval '20 seconds',
                1, 10, 1,
                CASE WHEN g % 10 < 7 THEN 'Summary of article ' || g END,
                CASE WHEN g % 10 < 7 THEN 'generated' END,
                CASE WHEN g % 10 < 7 THEN 'extractive/1' END,
                CASE WHEN g % 10 < 7 THEN 1 END,
                CASE WHEN g % 10 < 7 THEN now() END
            FROM generate_series(1, {Articles}) g, categories, sections;
            """);
        // VACUUM too, not only ANALYZE: it sets the visibility map that lets index-only scans skip the table.
        await ExecuteAsync(connection, """VACUUM ANALYZE "Articles" """);
        await ExecuteAsync(connection, """VACUUM ANALYZE "Categories" """);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<CmsDbContext>(options => options.AddInterceptors(Recorder)));
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Keeps each query EF runs, with its parameters, so it can be explained afterwards.</summary>
public sealed class SqlRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<RecordedCommand> commands = new();

    public void Clear() => commands.Clear();

    public IReadOnlyList<RecordedCommand> Commands => [.. commands];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (command is NpgsqlCommand npgsql)
        {
            commands.Enqueue(new RecordedCommand(npgsql.CommandText, [.. npgsql.Parameters.Select(p => p.Clone())]));
        }
    }
}

public sealed record RecordedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

/// <summary>
/// Any page costs what the first costs: EXPLAIN ANALYZE of the SQL each request really ran shows index scans that read
/// only the rows of the page, no sort and no sequential scan of Articles.
/// </summary>
public sealed partial class QueryPlanTests(LargePostgresApiFactory factory) : IClassFixture<LargePostgresApiFactory>
{
    private const int PageSize = 20;

    [Fact]
    public async Task TheFirstPageIsAnIndexWalkOfOnlyThePageWithNoSortOfTheTable()
    {
        var plans = await ExplainRequestAsync($"/api/v1/articles?pageSize={PageSize}");

        var list = Assert.Single(plans);
        AssertIndexWalkWithoutSort(list, maxRowsRead: PageSize + 1);
    }

    [Fact]
    public async Task ACursorPage50000RowsDeepReadsOnlyThePageLikeTheFirst()
    {
        using var client = factory.CreateAnonymousClient();
        var first = await client.GetPageAsync($"/api/v1/articles?pageSize={PageSize}");
        var codec = factory.Services.GetRequiredService<CursorCodec>();
        var made = codec.Decode(Pages.QueryOf(first.Link("next")!)["cursor"])!;
        var (publishedAt, id, _) = await VisibleRowAtAsync(50_000);
        var deep = codec.Encode(made with { Key = publishedAt.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture), Id = id });

        var plans = await ExplainRequestAsync($"/api/v1/articles?pageSize={PageSize}&cursor={Uri.EscapeDataString(deep)}");

        var list = Assert.Single(plans);
        // The walk starts at the cursor's publishedAt: the rows tied with it up to the cursor (at most two) are stepped over.
        AssertIndexWalkWithoutSort(list, maxRowsRead: PageSize + 3);
        var page = await client.GetPageAsync($"/api/v1/articles?pageSize={PageSize}&cursor={Uri.EscapeDataString(deep)}");
        Assert.Equal(PageSize, page.Items.Count);
        Assert.True(page.Items[0].Time("publishedAt") <= publishedAt);
    }

    [Fact]
    public async Task NumberedPage2000SkipsItsOffsetInTheIndexAloneAndNeverSortsTheTable()
    {
        var plans = await ExplainRequestAsync($"/api/v1/articles?pageSize={PageSize}&page=2000");

        // The count, the page, and (for the cached total's lifetime) when the next scheduled article goes live.
        Assert.InRange(plans.Count, 2, 3);
        var count = plans.Single(p => p.Sql.Contains("count(*)", StringComparison.Ordinal));
        var page = plans[^1];
        Assert.All(plans, p => Assert.DoesNotContain(Nodes(p.Plan), n => IsSeqScanOfArticles(n)));
        Assert.DoesNotContain(Nodes(page.Plan), n => IsSeqScanOfArticles(n));
        // The OFFSET: a Limit over an index-only walk of the partial index; 40,000 skipped rows never leave the index.
        var offset = Nodes(page.Plan).Single(n => n.GetProperty("Node Type").GetString() == "Limit" && ActualRows(Child(n)) > PageSize + 1);
        var walk = Child(offset);
        Assert.True(walk.GetProperty("Node Type").GetString() == "Index Only Scan", $"the offset walk is an index-only scan:\n{page.Text}");
        Assert.Equal("IX_Articles_Visible", walk.GetProperty("Index Name").GetString());
        Assert.True(walk.GetProperty("Heap Fetches").GetInt64() < 1000, $"the offset walk barely touches the table:\n{page.Text}");
        // Only the page's rows are fetched and ordered: any sort is of the page, not of the table.
        Assert.All(Nodes(page.Plan).Where(IsSort), sort => Assert.True(ActualRows(sort) <= PageSize, $"a sort of {ActualRows(sort)} rows:\n{page.Text}"));
        Assert.All(Nodes(page.Plan).Where(n => Relation(n) == "Articles" && n.GetRawText() != walk.GetRawText()), scan => Assert.True(ActualRows(scan) <= PageSize, $"reads only the page:\n{page.Text}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?navigation=category")]
    public async Task PreviousAndNextAreOneIndexProbeEachWithNoSort(string navigation)
    {
        var slug = await VisibleSlugAtAsync(50_000);

        var plans = await ExplainRequestAsync($"/api/v1/articles/{slug}{navigation}");

        Assert.Equal(3, plans.Count);
        AssertIndexWalkWithoutSort(plans[0], maxRowsRead: 1);
        Assert.Equal("IX_Articles_Slug", Nodes(plans[0].Plan).First(n => Relation(n) == "Articles").GetProperty("Index Name").GetString());
        var expectedIndex = navigation.Length == 0 ? "IX_Articles_Visible" : "IX_Articles_VisibleByCategory";
        foreach (var neighbour in plans.Skip(1))
        {
            // Three articles share each minute, so the probe may step over a tie or two.
            AssertIndexWalkWithoutSort(neighbour, maxRowsRead: 3, expectedIndex);
        }
    }

    [Theory]
    [InlineData("/api/v1/categories/plan-category-7/articles", "IX_Articles_VisibleByCategory")]
    [InlineData("/api/v1/articles?category=plan-category-7", "IX_Articles_VisibleByCategory")]
    [InlineData("/api/v1/summaries", "IX_Articles_Visible")]
    public async Task ACategorysArticlesAndTheSummariesFeedAreIndexWalksWithNoSortOfTheTable(string url, string index)
    {
        var plans = await ExplainRequestAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"pageSize={PageSize}");

        var list = plans.Single(p => p.Sql.Contains("LIMIT", StringComparison.Ordinal));
        // A sparse filter (a category holds 1 in 20 articles; 7 in 10 have a summary) reads a few rows more than the page.
        AssertIndexWalkWithoutSort(list, maxRowsRead: PageSize * 2, index);
    }

    [Fact]
    public async Task ACategoryWithSubcategoriesIsReportedAsItIsPlanned()
    {
        // Several categories cannot be walked in one (CategoryId, PublishedAt) range: PostgreSQL either walks the
        // visible index filtering by category, or merges. Either way: no sequential scan and no sort of the table.
        var plans = await ExplainRequestAsync($"/api/v1/categories/plan-category-1/articles?pageSize={PageSize}");

        var list = plans.Single(p => p.Sql.Contains("LIMIT", StringComparison.Ordinal));
        Assert.DoesNotContain(Nodes(list.Plan), n => IsSeqScanOfArticles(n));
        Assert.All(Nodes(list.Plan).Where(IsSort), sort => Assert.True(ActualRows(sort) <= PageSize + 1, $"a sort of the page at most:\n{list.Text}"));
    }

    private static void AssertIndexWalkWithoutSort(Explained explained, long maxRowsRead, string? index = null)
    {
        var nodes = Nodes(explained.Plan).ToList();
        Assert.True(!nodes.Any(IsSeqScanOfArticles), $"no sequential scan of Articles:\n{explained.Text}");
        // EF joins the category to the LIMITed page in an outer query, which PostgreSQL may hash-join and then sort:
        // that sort holds only the page. No sort may feed a Limit, that is, order the table or a range of it.
        Assert.True(!nodes.Where(n => n.GetProperty("Node Type").GetString() == "Limit").SelectMany(Nodes).Any(IsSort), $"no sort under the LIMIT:\n{explained.Text}");
        Assert.True(nodes.Where(IsSort).All(sort => ActualRows(sort) <= PageSize + 1), $"a sort of the page at most:\n{explained.Text}");
        var scans = nodes.Where(n => Relation(n) == "Articles").ToList();
        Assert.NotEmpty(scans);
        foreach (var scan in scans)
        {
            Assert.True(scan.GetProperty("Node Type").GetString() is "Index Scan" or "Index Only Scan", $"Articles read by an index scan:\n{explained.Text}");
            var read = ActualRows(scan) + (scan.TryGetProperty("Rows Removed by Filter", out var removed) ? removed.GetInt64() : 0);
            Assert.True(read <= maxRowsRead, $"reads {read} index entries, at most {maxRowsRead} expected:\n{explained.Text}");
            if (index is not null)
            {
                Assert.Equal(index, scan.GetProperty("Index Name").GetString());
            }
        }
    }

    private async Task<List<Explained>> ExplainRequestAsync(string url)
    {
        using var client = factory.CreateAnonymousClient();
        factory.Recorder.Clear();
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        await response.AssertJsonAsync();
        var articleQueries = factory.Recorder.Commands.Where(c => c.Sql.Contains("FROM \"Articles\"", StringComparison.Ordinal)).ToList();

        await using var connection = new NpgsqlConnection(factory.Database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var explained = new List<Explained>();
        foreach (var recorded in articleQueries)
        {
            await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + recorded.Sql, connection);
            command.Parameters.AddRange(recorded.Parameters.Select(p => p.Clone()).ToArray());
            var json = (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            var plan = JsonDocument.Parse(json).RootElement[0].GetProperty("Plan");
            var text = $"-- {url}\n{recorded.Sql}\n{Describe(plan, 0)}";
            TestContext.Current.TestOutputHelper?.WriteLine(text);
            explained.Add(new Explained(recorded.Sql, plan, text));
        }

        return explained;
    }

    private async Task<(DateTime PublishedAt, int Id, string Slug)> VisibleRowAtAsync(int depth)
    {
        await using var connection = new NpgsqlConnection(factory.Database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT "PublishedAt", "Id", "Slug" FROM "Articles" WHERE "Status" = 'published' AND "PublishedAt" <= now()
            ORDER BY "PublishedAt" DESC, "Id" DESC OFFSET @depth LIMIT 1
            """, connection);
        command.Parameters.AddWithValue("depth", depth);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        return (reader.GetDateTime(0), reader.GetInt32(1), reader.GetString(2));
    }

    private async Task<string> VisibleSlugAtAsync(int depth) => (await VisibleRowAtAsync(depth)).Slug;

    private static IEnumerable<JsonElement> Nodes(JsonElement plan)
    {
        yield return plan;
        if (plan.TryGetProperty("Plans", out var children))
        {
            foreach (var node in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return node;
            }
        }
    }

    private static JsonElement Child(JsonElement node) => node.GetProperty("Plans")[0];

    private static string? Relation(JsonElement node) => node.TryGetProperty("Relation Name", out var name) ? name.GetString() : null;

    private static long ActualRows(JsonElement node) => node.GetProperty("Actual Rows").GetInt64() * Math.Max(1, node.GetProperty("Actual Loops").GetInt64());

    private static bool IsSort(JsonElement node) => node.GetProperty("Node Type").GetString() is "Sort" or "Incremental Sort";

    private static bool IsSeqScanOfArticles(JsonElement node) => node.GetProperty("Node Type").GetString() == "Seq Scan" && Relation(node) == "Articles";

    private static string Describe(JsonElement node, int depth)
    {
        var line = new string(' ', depth * 2) + node.GetProperty("Node Type").GetString()
            + (node.TryGetProperty("Index Name", out var index) ? $" using {index.GetString()}" : "")
            + (Relation(node) is { } relation ? $" on {relation}" : "")
            + $" (rows={node.GetProperty("Actual Rows").GetInt64()} loops={node.GetProperty("Actual Loops").GetInt64()})"
            + (node.TryGetProperty("Index Cond", out var cond) ? $" cond: {cond.GetString()}" : "")
            + (node.TryGetProperty("Filter", out var filter) ? $" filter: {filter.GetString()}" : "")
            + (node.TryGetProperty("Heap Fetches", out var heap) ? $" heap fetches: {heap.GetInt64()}" : "");
        var children = node.TryGetProperty("Plans", out var plans) ? plans.EnumerateArray().Select(p => Describe(p, depth + 1)) : [];
        return string.Join("\n", children.Prepend(line));
    }

    private sealed record Explained(string Sql, JsonElement Plan, string Text);
}
