using HeadlessCms.Api.Articles;
using Npgsql;

namespace HeadlessCms.Api.Tests.Paging;

/// <summary>
/// Search and section pages at first-page cost: a rare word is found through the GIN index, a common one by the
/// newest-first walk, and a small section by one walk per category merged in order.
/// </summary>
public sealed partial class QueryPlanTests
{
    private const int SectionArticles = 600;

    [Fact]
    public async Task ARareWordIsFoundThroughTheGinIndexAndOnlyItsMatchesAreRead()
    {
        var plans = await ExplainRequestAsync($"/api/v1/articles?q=zeppelin&pageSize={PageSize}");

        // The GIN index is asked first; the page then reads the 15 matches by id and orders them.
        Assert.Equal(2, plans.Count);
        var probe = plans[0];
        var gin = Nodes(probe.Plan).Single(n => n.GetProperty("Node Type").GetString() == "Bitmap Index Scan");
        Assert.Equal("IX_Articles_SearchVector", gin.GetProperty("Index Name").GetString());
        Assert.Equal(15, ActualRows(gin));
        var page = plans[1];
        Assert.DoesNotContain(Nodes(page.Plan), n => IsSeqScanOfArticles(n));
        Assert.DoesNotContain(Nodes(page.Plan), n => n.TryGetProperty("Index Name", out var index) && index.GetString() == "IX_Articles_Visible");
        AssertArticleRowsRead(page, 15);

        using var client = factory.CreateAnonymousClient();
        var (items, _) = await client.WalkAsync("/api/v1/articles?q=zeppelin&pageSize=4", "next");
        Assert.Equal(await ExpectedIdsAsync("""AND "Body" LIKE '%zeppelin%'"""), items.Select(i => i.Id()));
    }

    [Fact]
    public async Task ACommonWordWalksTheNewestFirstIndexOnlyUntilThePageIsFull()
    {
        using var client = factory.CreateAnonymousClient();
        // The first search learns that the word is common (more than RareLimit matches) and remembers it.
        await client.GetPageAsync($"/api/v1/articles?q=quarry&pageSize={PageSize}");

        var plans = await ExplainRequestAsync($"/api/v1/articles?q=quarry&pageSize={PageSize}");

        var page = Assert.Single(plans);
        // 1 in 50 articles matches: the walk reads about 50 rows per hit, never the whole index.
        AssertIndexWalkWithoutSort(page, maxRowsRead: 60 * (PageSize + 1), "IX_Articles_Visible");
        Assert.True(SearchTerms.RareLimit < 120_000 / 50, "the word is common by the service's measure");
    }

    [Theory]
    [InlineData("/api/v1/categories/plan-section/articles")]
    [InlineData("/api/v1/articles?category=plan-section")]
    public async Task ASmallSectionIsAMergeOfOneIndexWalkPerCategory(string url)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        using var client = factory.CreateAnonymousClient();
        var first = await client.GetPageAsync($"{url}{separator}pageSize={PageSize}");

        foreach (var pageUrl in new[] { $"{url}{separator}pageSize={PageSize}", first.Link("next")! })
        {
            var list = (await ExplainRequestAsync(pageUrl)).Single(p => p.Sql.Contains("LIMIT", StringComparison.Ordinal));
            // Each walk reads one row past what the merge takes, and after a cursor may step over two rows tied with it.
            AssertMergeOfCategoryWalks(list, categories: 3, maxRowsRead: PageSize + 1 + (3 * 3));
        }

        // A numbered page skips its offset within the merged walks: page 3 reads 3 pages' worth, not the archive.
        var numbered = (await ExplainRequestAsync($"{url}{separator}pageSize={PageSize}&page=3")).Where(p => p.Sql.Contains("LIMIT", StringComparison.Ordinal)).ToList();
        AssertMergeOfCategoryWalks(numbered[^1], categories: 3, maxRowsRead: (3 * PageSize) + 3);
    }

    [Fact]
    public async Task ASmallSectionPagesThroughExactlyItsArticlesInOrder()
    {
        using var client = factory.CreateAnonymousClient();
        var expected = await ExpectedIdsAsync("""AND "CategoryId" IN (SELECT "Id" FROM "Categories" WHERE "Slug" LIKE 'plan-section%')""");
        Assert.Equal(SectionArticles, expected.Count);

        var (forward, _) = await client.WalkAsync("/api/v1/categories/plan-section/articles?pageSize=100", "next");
        Assert.Equal(expected, forward.Select(i => i.Id()));
        var last = await client.GetPageAsync("/api/v1/categories/plan-section/articles?pageSize=100");
        var (backward, _) = await client.WalkAsync(last.Link("last")!, "prev");
        Assert.Equal(expected, backward.Select(i => i.Id()));
        var third = await client.GetPageAsync("/api/v1/categories/plan-section/articles?pageSize=100&page=3");
        Assert.Equal(expected.Skip(200).Take(100), third.Items.Select(i => i.Id()));
        Assert.Equal(SectionArticles, third.Number("totalItems"));
    }

    private static void AssertMergeOfCategoryWalks(Explained list, int categories, long maxRowsRead)
    {
        var nodes = Nodes(list.Plan).ToList();
        Assert.True(nodes.Any(n => n.GetProperty("Node Type").GetString() == "Merge Append"), $"a merge of ordered walks:\n{list.Text}");
        Assert.DoesNotContain(nodes, n => IsSeqScanOfArticles(n));
        // Only the page's rows are ever sorted (after they are read by id), never a category's range.
        Assert.All(nodes.Where(IsSort), sort => Assert.True(ActualRows(sort) <= PageSize + 1, $"a sort of the page at most:\n{list.Text}"));
        var scans = nodes.Where(n => Relation(n) == "Articles").ToList();
        var walks = scans.Where(n => n.TryGetProperty("Index Name", out var index) && index.GetString() == "IX_Articles_VisibleByCategory").ToList();
        Assert.True(walks.Count == categories, $"each category walks its own range of IX_Articles_VisibleByCategory:\n{list.Text}");
        var walked = walks.Sum(n => ActualRows(n) + (n.TryGetProperty("Rows Removed by Filter", out var removed) ? removed.GetInt64() : 0));
        Assert.True(walked <= maxRowsRead, $"the walks read {walked} index entries, at most {maxRowsRead} expected:\n{list.Text}");
        Assert.All(scans.Except(walks), scan => Assert.True(ActualRows(scan) <= PageSize + 1, $"then only the page is read:\n{list.Text}"));
    }

    private static void AssertArticleRowsRead(Explained explained, long maxRowsRead)
    {
        var read = Nodes(explained.Plan).Where(n => Relation(n) == "Articles")
            .Sum(n => ActualRows(n) + (n.TryGetProperty("Rows Removed by Filter", out var removed) ? removed.GetInt64() : 0));
        Assert.True(read <= maxRowsRead, $"reads {read} rows of Articles, at most {maxRowsRead} expected:\n{explained.Text}");
    }

    /// <summary>Visible articles matching <paramref name="condition"/>, newest first, straight from PostgreSQL.</summary>
    private async Task<List<int>> ExpectedIdsAsync(string condition)
    {
        await using var connection = new NpgsqlConnection(factory.Database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT "Id" FROM "Articles" WHERE "Status" = 'published' AND "PublishedAt" <= now() {condition}
            ORDER BY "PublishedAt" DESC, "Id" DESC
            """, connection);
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }
}
