using System.Net.Http.Json;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Paging;

/// <summary>The envelope, links and Link header of every list endpoint, in both paging modes.</summary>
public abstract class EnvelopeTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : CmsApiFactory
{
    [Theory]
    [MemberData(nameof(ListEndpoints.All), MemberType = typeof(ListEndpoints))]
    public async Task EveryListAnswersInTheEnvelopeWithCursorLinksAndNoTotalsByDefault(string list)
    {
        var (client, url) = await ArrangeAsync(list);
        var first = await client.GetPageAsync(url + "pageSize=2");

        Assert.Equal(2, first.Items.Count);
        Assert.Equal(2, first.Number("size"));
        Assert.Null(first.Number("number"));
        Assert.Null(first.Number("totalItems"));
        Assert.Null(first.Number("totalPages"));
        Assert.Equal("http://localhost" + url + "pageSize=2", first.Self);
        Assert.Null(first.Link("prev"));
        Assert.NotNull(first.Link("first"));
        Assert.NotNull(first.Link("next"));
        Assert.NotNull(first.Link("last"));
        foreach (var rel in Page.Rels.Append("self"))
        {
            if (first.Link(rel) is { } link)
            {
                Assert.True(Uri.TryCreate(link, UriKind.Absolute, out var absolute) && absolute.Scheme == "http" && absolute.Host == "localhost", $"{rel} is absolute: {link}");
            }
        }

        var second = await client.GetPageAsync(first.Link("next")!);
        Assert.NotNull(second.Link("prev"));
        Assert.Empty(second.Items.Select(Key).Intersect(first.Items.Select(Key)));
        var back = await client.GetPageAsync(second.Link("prev")!);
        Assert.Equal(first.Items.Select(Key), back.Items.Select(Key));
    }

    [Theory]
    [MemberData(nameof(ListEndpoints.All), MemberType = typeof(ListEndpoints))]
    public async Task EveryListCountsInCursorModeOnlyWhenAskedTo(string list)
    {
        var (client, url) = await ArrangeAsync(list);
        var all = await client.WalkAsync(url + "pageSize=100", "next");

        var page = await client.GetPageAsync(url + "pageSize=2&includeTotal=true");

        Assert.Null(page.Number("number"));
        Assert.Equal(all.Items.Count, page.Number("totalItems"));
        Assert.Equal((all.Items.Count + 1) / 2, page.Number("totalPages"));
    }

    [Theory]
    [MemberData(nameof(ListEndpoints.All), MemberType = typeof(ListEndpoints))]
    public async Task EveryListHasNumberedPagesWithTotalsAndAllFourLinks(string list)
    {
        var (client, url) = await ArrangeAsync(list);
        var total = (await client.GetPageAsync(url + "pageSize=2&includeTotal=true")).Number("totalItems")!.Value;
        var lastNumber = (total + 1) / 2;

        var page2 = await client.GetPageAsync(url + "pageSize=2&page=2");

        Assert.Equal(2, page2.Number("number"));
        Assert.Equal(total, page2.Number("totalItems"));
        Assert.Equal(lastNumber, page2.Number("totalPages"));
        Assert.Equal("1", Pages.QueryOf(page2.Link("first")!)["page"]);
        Assert.Equal("1", Pages.QueryOf(page2.Link("prev")!)["page"]);
        Assert.Equal("3", Pages.QueryOf(page2.Link("next")!)["page"]);
        Assert.Equal(lastNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), Pages.QueryOf(page2.Link("last")!)["page"]);

        var first = await client.GetPageAsync(page2.Link("first")!);
        Assert.Null(first.Link("prev"));
        var last = await client.GetPageAsync(page2.Link("last")!);
        Assert.Null(last.Link("next"));
        Assert.NotNull(last.Link("prev"));
        Assert.InRange(last.Items.Count, 1, 2);
    }

    [Theory]
    [MemberData(nameof(ListEndpoints.All), MemberType = typeof(ListEndpoints))]
    public async Task APagePastTheLastIsEmptyNotAnError(string list)
    {
        var (client, url) = await ArrangeAsync(list);

        var page = await client.GetPageAsync(url + "pageSize=2&page=100000");

        Assert.Empty(page.Items);
        Assert.Equal(100000, page.Number("number"));
        Assert.Null(page.Link("next"));
        Assert.NotNull(page.Link("prev"));
        Assert.NotNull(page.Link("last"));
    }

    [Theory]
    [MemberData(nameof(ListEndpoints.All), MemberType = typeof(ListEndpoints))]
    public async Task ThePageSizeDefaultsTo20AndGoesUpTo100(string list)
    {
        var (client, url) = await ArrangeAsync(list, count: 21);

        var byDefault = await client.GetPageAsync(url.TrimEnd('?', '&'));
        var max = await client.GetPageAsync(url + "pageSize=100");

        Assert.Equal(20, byDefault.Number("size"));
        Assert.Equal(20, byDefault.Items.Count);
        Assert.Equal(100, max.Number("size"));
        Assert.InRange(max.Items.Count, 21, 100);
    }

    [Fact]
    public async Task LinksKeepEveryFilterAndTheSort()
    {
        using var client = factory.CreateAnonymousClient();
        var content = new Content(factory.CreateEditorClient());
        var category = await content.CategoryAsync();
        var author = Content.Unique("Author");
        for (var i = 0; i < 5; i++)
        {
            await content.PublishedAsync(category.GetProperty("id").GetInt32(), DateTimeOffset.UtcNow.AddDays(-i - 1), author: author);
        }

        var filters = new Dictionary<string, string>
        {
            ["category"] = category.GetProperty("slug").GetString()!,
            ["author"] = author,
            ["publishedFrom"] = "2000-01-01T00:00:00Z",
            ["publishedTo"] = "2100-01-01",
            ["sort"] = "title",
            ["pageSize"] = "2",
        };
        var url = "/api/v1/articles?" + string.Join("&", filters.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}"));

        foreach (var page in new[] { await client.GetPageAsync(url), await client.GetPageAsync(url + "&page=2") })
        {
            foreach (var rel in Page.Rels.Append("self"))
            {
                if (page.Link(rel) is not { } link)
                {
                    continue;
                }

                var query = Pages.QueryOf(link);
                foreach (var (key, value) in filters)
                {
                    Assert.True(query.TryGetValue(key, out var kept) && kept == value, $"{rel} keeps {key}={value}: {link}");
                }
            }
        }
    }

    [Fact]
    public async Task TheLinkHeaderCarriesTheSameLinksInRfc8288Form()
    {
        var (client, url) = await ArrangeAsync("articles");
        var first = await client.GetPageAsync(url + "pageSize=1");
        var middle = await client.GetPageAsync(first.Link("next")!);

        Assert.Equal(["first", "next", "last"], first.LinkHeader().Select(l => l.Rel));
        Assert.Equal(["first", "prev", "next", "last"], middle.LinkHeader().Select(l => l.Rel));
        var raw = string.Join(", ", middle.Response.Headers.GetValues("Link"));
        Assert.Matches("^<http://localhost/[^>]+>; rel=\"first\", <[^>]+>; rel=\"prev\", <[^>]+>; rel=\"next\", <[^>]+>; rel=\"last\"$", raw);
    }

    private static string Key(System.Text.Json.JsonElement item) => item.TryGetProperty("id", out var id) ? id.ToString() : item.GetProperty("article").GetProperty("id").ToString();

    /// <summary>Makes sure the list has at least <paramref name="count"/> items; returns a client allowed to read it and the URL ending in ? or &amp;.</summary>
    private async Task<(HttpClient Client, string Url)> ArrangeAsync(string list, int count = 5)
    {
        var editor = factory.CreateEditorClient();
        var content = new Content(editor);
        var category = await content.CategoryAsync();
        var categoryId = category.GetProperty("id").GetInt32();
        switch (list)
        {
            case "categories" or "manage-categories":
                for (var i = 0; i < count; i++)
                {
                    await content.CategoryAsync();
                }

                break;
            case "api-keys":
                using (var admin = factory.CreateAdminClient())
                {
                    for (var i = 0; i < count; i++)
                    {
                        var created = await admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = Content.Unique("key"), role = "editor" }, TestContext.Current.CancellationToken);
                        await created.AssertJsonAsync(System.Net.HttpStatusCode.Created);
                    }
                }

                break;
            default:
                for (var i = 0; i < count; i++)
                {
                    await content.PublishedAsync(categoryId, DateTimeOffset.UtcNow.AddHours(-i - 1), summary: "A summary of the story.");
                }

                break;
        }

        return list switch
        {
            "articles" => (factory.CreateAnonymousClient(), $"/api/v1/articles?category={category.GetProperty("slug").GetString()}&"),
            "categories" => (factory.CreateAnonymousClient(), "/api/v1/categories?"),
            "category-articles" => (factory.CreateAnonymousClient(), $"/api/v1/categories/{category.GetProperty("slug").GetString()}/articles?"),
            "summaries" => (factory.CreateAnonymousClient(), "/api/v1/summaries?"),
            "manage-articles" => (editor, $"/api/v1/manage/articles?category={category.GetProperty("slug").GetString()}&"),
            "manage-categories" => (editor, "/api/v1/manage/categories?"),
            "api-keys" => (factory.CreateAdminClient(), "/api/v1/manage/api-keys?"),
            _ => throw new ArgumentOutOfRangeException(nameof(list)),
        };
    }
}

public static class ListEndpoints
{
    public static TheoryData<string> All =>
    [
        "articles", "categories", "category-articles", "summaries", "manage-articles", "manage-categories", "api-keys",
    ];
}

public sealed class EnvelopeTestsOnPostgres(PostgresApiFactory factory) : EnvelopeTests<PostgresApiFactory>(factory);

public sealed class EnvelopeTestsOnSqlite(SqliteApiFactory factory) : EnvelopeTests<SqliteApiFactory>(factory);
