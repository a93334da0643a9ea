using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Paging;

/// <summary>
/// Paging through a whole list, forwards and backwards, by cursor and by number, visits every item exactly once and
/// in order, even when many items share the sort value.
/// </summary>
public abstract class TraversalTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : CmsApiFactory
{
    private const int PageSize = 4;

    [Theory]
    [InlineData("/api/v1/articles", "-publishedAt")]
    [InlineData("/api/v1/articles", "publishedAt")]
    [InlineData("/api/v1/articles", "title")]
    [InlineData("/api/v1/articles", "-title")]
    [InlineData("/api/v1/articles", "-updatedAt")]
    [InlineData("/api/v1/manage/articles", "-updatedAt")]
    [InlineData("/api/v1/manage/articles", "publishedAt")]
    public async Task EveryItemIsVisitedExactlyOnceInOrderBothWaysByCursor(string list, string sort)
    {
        var (client, url, expected) = await ArrangeAsync(list, sort);

        var forwards = await client.WalkAsync(url, "next");
        Assert.Equal(expected, forwards.Items.Select(Pages.Id));
        Assert.Equal(7, forwards.Pages.Count);
        Assert.All(forwards.Pages, p => Assert.Null(p.Number("number")));
        Assert.Null(forwards.Pages[0].Link("prev"));
        Assert.Null(forwards.Pages[^1].Link("next"));

        var backwards = await client.WalkAsync(forwards.Pages[^1].Self, "prev");
        Assert.Equal(expected, backwards.Items.Select(Pages.Id));
        Assert.Null(backwards.Pages[^1].Link("prev"));

        // Backwards pages also lead forwards again, without skipping or repeating.
        var again = await client.WalkAsync(backwards.Pages[^1].Self, "next");
        Assert.Equal(expected, again.Items.Select(Pages.Id));
    }

    [Theory]
    [InlineData("/api/v1/articles", "-publishedAt")]
    [InlineData("/api/v1/articles", "publishedAt")]
    [InlineData("/api/v1/articles", "title")]
    [InlineData("/api/v1/articles", "-updatedAt")]
    [InlineData("/api/v1/manage/articles", "-updatedAt")]
    public async Task TheLastLinkIsTheFirstPageOfTheReversedOrderAndPrevWalksBackToTheStart(string list, string sort)
    {
        var (client, url, expected) = await ArrangeAsync(list, sort);
        var first = await client.GetPageAsync(url);

        var fromLast = await client.WalkAsync(first.Link("last")!, "prev");

        var last = fromLast.Pages[0];
        Assert.Equal(expected.TakeLast(PageSize), last.Items.Select(Pages.Id));
        Assert.Null(last.Link("next"));
        Assert.NotNull(last.Link("prev"));
        Assert.Equal(expected, fromLast.Items.Select(Pages.Id));
        Assert.Null(fromLast.Pages[^1].Link("prev"));
        Assert.Equal(expected.Take(fromLast.Pages[^1].Items.Count), fromLast.Pages[^1].Items.Select(Pages.Id));
    }

    [Theory]
    [InlineData("/api/v1/articles", "-publishedAt")]
    [InlineData("/api/v1/articles", "publishedAt")]
    [InlineData("/api/v1/articles", "title")]
    [InlineData("/api/v1/articles", "-updatedAt")]
    [InlineData("/api/v1/manage/articles", "-updatedAt")]
    public async Task EveryItemIsVisitedExactlyOnceInOrderBothWaysByPageNumber(string list, string sort)
    {
        var (client, url, expected) = await ArrangeAsync(list, sort);

        var forwards = await client.WalkAsync(url + "&page=1", "next");
        Assert.Equal(expected, forwards.Items.Select(Pages.Id));
        Assert.Equal(Enumerable.Range(1, 7), forwards.Pages.Select(p => p.Number("number")!.Value));
        Assert.All(forwards.Pages, p => Assert.Equal(expected.Count, p.Number("totalItems")));
        Assert.All(forwards.Pages, p => Assert.Equal(7, p.Number("totalPages")));

        var backwards = await client.WalkAsync(forwards.Pages[0].Link("last")!, "prev");
        Assert.Equal(expected, backwards.Items.Select(Pages.Id));
        Assert.Equal(Enumerable.Range(1, 7).Reverse(), backwards.Pages.Select(p => p.Number("number")!.Value));
    }

    [Fact]
    public async Task AListThatFitsOnOnePageHasNoPrevOrNextInEitherMode()
    {
        var content = new Content(factory.CreateEditorClient());
        var category = await content.CategoryAsync();
        await content.PublishedAsync(category.GetProperty("id").GetInt32());
        using var client = factory.CreateAnonymousClient();
        var url = $"/api/v1/articles?category={category.GetProperty("slug").GetString()}";

        foreach (var page in new[] { await client.GetPageAsync(url), await client.GetPageAsync(url + "&page=1") })
        {
            Assert.Single(page.Items);
            Assert.Null(page.Link("prev"));
            Assert.Null(page.Link("next"));
            Assert.NotNull(page.Link("first"));
            Assert.NotNull(page.Link("last"));
        }

        var last = await client.GetPageAsync((await client.GetPageAsync(url)).Link("last")!);
        Assert.Single(last.Items);
        Assert.Null(last.Link("prev"));
        Assert.Null(last.Link("next"));
    }

    [Fact]
    public async Task AnEmptyListHasNoItemsAndOnlyFirstAndLast()
    {
        var category = await new Content(factory.CreateEditorClient()).CategoryAsync();
        using var client = factory.CreateAnonymousClient();

        var page = await client.GetPageAsync($"/api/v1/articles?category={category.GetProperty("slug").GetString()}&includeTotal=true");
        var numbered = await client.GetPageAsync($"/api/v1/articles?category={category.GetProperty("slug").GetString()}&page=1");

        Assert.Empty(page.Items);
        Assert.Equal(0, page.Number("totalItems"));
        Assert.Equal(0, page.Number("totalPages"));
        Assert.Null(page.Link("prev"));
        Assert.Null(page.Link("next"));
        Assert.Empty(numbered.Items);
        Assert.Null(numbered.Link("next"));
        Assert.Equal("1", Pages.QueryOf(numbered.Link("last")!)["page"]);
    }

    /// <summary>
    /// 25 articles in a category of their own: 10 share one publishedAt, several share a title, one is a draft (in the
    /// management list only). Made once per class. Returns the URL of the first page and the ids in the order the sort defines.
    /// </summary>
    private async Task<(HttpClient Client, string Url, List<int> Expected)> ArrangeAsync(string list, string sort)
    {
        // Only reads follow, so the tests of a class share one set of articles.
        var category = await Arranged.GetOrAdd(factory, _ => ArrangeArticlesAsync());
        var manage = list.Contains("manage", StringComparison.Ordinal);
        var client = manage ? factory.CreateEditorClient() : factory.CreateAnonymousClient();
        var url = $"{list}?category={category}&sort={sort}&pageSize={PageSize}";
        var all = (await client.GetPageAsync(url.Replace($"pageSize={PageSize}", "pageSize=100", StringComparison.Ordinal))).Items;
        Assert.Equal(manage ? 26 : 25, all.Count);

        var descending = sort.StartsWith('-');
        var field = sort.TrimStart('-');
        Comparison<JsonElement> byKey = field == "title"
            ? (a, b) => string.CompareOrdinal(a.Text("title"), b.Text("title"))
            : (a, b) => (a.TryGetProperty(field, out var x) && x.ValueKind != JsonValueKind.Null ? a.Time(field) : DateTime.MinValue)
                .CompareTo(b.TryGetProperty(field, out var y) && y.ValueKind != JsonValueKind.Null ? b.Time(field) : DateTime.MinValue);
        var expected = all.OrderBy(a => a, Comparer<JsonElement>.Create((a, b) =>
        {
            var order = byKey(a, b);
            order = order != 0 ? order : a.Id().CompareTo(b.Id());
            return descending ? -order : order;
        })).Select(Pages.Id).ToList();
        return (client, url, expected);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<CmsApiFactory, Task<string>> Arranged = new();

    /// <returns>The slug of the category holding the articles.</returns>
    private async Task<string> ArrangeArticlesAsync()
    {
        var content = new Content(factory.CreateEditorClient());
        var category = await content.CategoryAsync();
        var categoryId = category.GetProperty("id").GetInt32();
        var shared = new DateTimeOffset(2024, 5, 17, 9, 30, 0, TimeSpan.Zero);
        var titleStem = "T" + Pages.Letters(6);
        for (var i = 0; i < 25; i++)
        {
            var publishAt = i % 5 < 2 ? shared : shared.AddHours(-i * 7 + 60);
            var title = i % 4 == 0 ? $"{titleStem} same" : $"{titleStem} {Pages.Letters(5)}";
            await content.PublishedAsync(categoryId, publishAt, title: title);
        }

        // A draft has no publishedAt: the management list sorts it first (publishedAt ascending) and never loses it.
        await content.DraftAsync(categoryId, title: $"{titleStem} draft");
        return category.GetProperty("slug").GetString()!;
    }
}

public sealed class TraversalTestsOnPostgres(PostgresApiFactory factory) : TraversalTests<PostgresApiFactory>(factory);

public sealed class TraversalTestsOnSqlite(SqliteApiFactory factory) : TraversalTests<SqliteApiFactory>(factory);
