using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Tests.Caching;

/// <summary>Delivery responses are cacheable and cached on the server, and no write is ever followed by a stale read.</summary>
public abstract class DeliveryCacheTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory) where TFactory : CmsApiFactory
{
    [Fact]
    public async Task DeliveryResponsesAreCacheableAndAnswerIfNoneMatchWith304()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.GetProperty("id").GetInt32());
        var slug = article.GetProperty("slug").GetString();

        foreach (var url in new[] { $"/api/v1/articles/{slug}", $"/api/v1/articles?category={category.GetProperty("slug").GetString()}", "/api/v1/categories", "/api/v1/summaries", $"/api/v1/articles/{slug}/summary" })
        {
            var first = await Reader.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            var cacheControl = first.Headers.CacheControl!;
            Assert.True(cacheControl.Public, url);
            Assert.NotNull(cacheControl.MaxAge);
            Assert.Contains("stale-while-revalidate", first.Headers.GetValues("Cache-Control").Single(), StringComparison.Ordinal);

            var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.IfNoneMatch.Add(etag);
            var second = await Reader.SendAsync(conditional, Ct);
            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
            Assert.Empty(await second.Content.ReadAsByteArrayAsync(Ct));
        }
    }

    [Fact]
    public async Task ManagementResponsesAreNeverCached()
    {
        var response = await Editor.GetAsync("/api/v1/manage/articles", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task ARepeatedReadIsServedFromTheServerCache()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.GetProperty("id").GetInt32());
        var slug = article.GetProperty("slug").GetString()!;
        Assert.Equal(article.GetProperty("title").GetString(), await TitleAsync(slug));

        // Changed behind the API's back: only a cached answer still shows the old title, which proves the cache is on,
        // so the eviction tests below can fail.
        await using (var db = Factory.NewDbContext())
        {
            await db.Articles.Where(a => a.Slug == slug).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Changed behind the API"), Ct);
        }

        Assert.Equal(article.GetProperty("title").GetString(), await TitleAsync(slug));
    }

    [Fact]
    public async Task AManagementWriteThatIsRefusedLeavesTheCacheAlone()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.GetProperty("id").GetInt32());
        var slug = article.GetProperty("slug").GetString()!;
        var title = article.GetProperty("title").GetString();
        Assert.Equal(title, await TitleAsync(slug));
        // Changed behind the API's back: the old title stays visible only while the cached answer survives.
        await using (var db = Factory.NewDbContext())
        {
            await db.Articles.Where(a => a.Slug == slug).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "Changed behind the API"), Ct);
        }

        var edit = new { title = "An edited headline", body = "A new body. It has sentences.", categoryId = category.GetProperty("id").GetInt32() };
        var url = $"/api/v1/manage/articles/{article.GetProperty("id").GetInt32()}";
        Assert.Equal(HttpStatusCode.NotFound, (await Editor.SendJsonAsync(HttpMethod.Put, "/api/v1/manage/articles/2147483647", edit)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Editor.SendJsonAsync(HttpMethod.Put, url, edit, ifMatch: "\"987654321\"")).StatusCode);
        Assert.Equal(title, await TitleAsync(slug));

        // A write that commits does evict.
        await (await Editor.SendJsonAsync(HttpMethod.Put, url, edit)).AssertJsonAsync();
        Assert.Equal("An edited headline", await TitleAsync(slug));
    }

    [Fact]
    public async Task PublishingIsVisibleOnTheNextRequest()
    {
        var category = await Content.CategoryAsync();
        var categorySlug = category.GetProperty("slug").GetString();
        var list = $"/api/v1/articles?category={categorySlug}";
        Assert.Empty(await ItemsAsync(list));
        var draft = await Content.DraftAsync(category.GetProperty("id").GetInt32());
        Assert.Empty(await ItemsAsync(list));
        await Content.PublishAsync(draft.GetProperty("id").GetInt32(), DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Single(await ItemsAsync(list));
        Assert.Single(await ItemsAsync($"/api/v1/categories/{categorySlug}/articles"));
    }

    [Fact]
    public async Task AnEditIsVisibleOnTheNextRequest()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.GetProperty("id").GetInt32());
        var slug = article.GetProperty("slug").GetString()!;
        var list = $"/api/v1/articles?category={category.GetProperty("slug").GetString()}";
        await TitleAsync(slug);
        await ItemsAsync(list);

        var response = await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{article.GetProperty("id").GetInt32()}", new
        {
            title = "An edited headline",
            body = "A new body. It has sentences.",
            categoryId = category.GetProperty("id").GetInt32(),
        });
        await response.AssertJsonAsync();
        Assert.Equal("An edited headline", await TitleAsync(slug));
        Assert.Equal("An edited headline", (await ItemsAsync(list))[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task ASlugChangeIsVisibleOnTheNextRequest()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.GetProperty("id").GetInt32());
        var oldSlug = article.GetProperty("slug").GetString()!;
        await TitleAsync(oldSlug);
        var newSlug = Content.Unique("renamed");
        var response = await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{article.GetProperty("id").GetInt32()}", new
        {
            title = article.GetProperty("title").GetString(),
            slug = newSlug,
            body = article.GetProperty("body").GetString(),
            categoryId = category.GetProperty("id").GetInt32(),
        });
        await response.AssertJsonAsync();

        var old = await Reader.GetAsync($"/api/v1/articles/{oldSlug}", Ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.EndsWith($"/api/v1/articles/{newSlug}", old.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Reader.GetAsync($"/api/v1/articles/{newSlug}", Ct)).StatusCode);
    }

    [Fact]
    public async Task ADeleteIsVisibleOnTheNextRequest()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.GetProperty("id").GetInt32());
        var slug = article.GetProperty("slug").GetString()!;
        var list = $"/api/v1/articles?category={category.GetProperty("slug").GetString()}";
        await TitleAsync(slug);
        Assert.Single(await ItemsAsync(list));

        var response = await Editor.DeleteAsync($"/api/v1/manage/articles/{article.GetProperty("id").GetInt32()}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await Reader.GetAsync($"/api/v1/articles/{slug}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Reader.GetAsync($"/api/v1/articles/{slug}/summary", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await ItemsAsync(list));
    }

    [Fact]
    public async Task ACategoryChangeIsVisibleOnTheNextRequest()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.GetProperty("id").GetInt32());
        var slug = article.GetProperty("slug").GetString()!;
        await TitleAsync(slug);
        await ItemsAsync("/api/v1/categories?pageSize=100");

        var newName = Content.Unique("Renamed category");
        var response = await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/categories/{category.GetProperty("id").GetInt32()}", new
        {
            name = newName,
            slug = category.GetProperty("slug").GetString(),
        });
        await response.AssertJsonAsync();

        var detail = await (await Reader.GetAsync($"/api/v1/articles/{slug}", Ct)).AssertJsonAsync();
        Assert.Equal(newName, detail.GetProperty("category").GetProperty("name").GetString());
        var categories = await ItemsAsync("/api/v1/categories?pageSize=100");
        Assert.Contains(categories, c => c.GetProperty("name").GetString() == newName);
    }

    [Fact]
    public async Task UnpublishingIsVisibleOnTheNextRequest()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.GetProperty("id").GetInt32());
        var slug = article.GetProperty("slug").GetString()!;
        await TitleAsync(slug);
        await ItemsAsync("/api/v1/summaries?pageSize=100");

        await (await Editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{article.GetProperty("id").GetInt32()}/unpublish", null)).AssertJsonAsync();
        await (await Reader.GetAsync($"/api/v1/articles/{slug}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await ItemsAsync("/api/v1/summaries?pageSize=100"), s => s.GetProperty("article").GetProperty("slug").GetString() == slug);
    }

    [Fact]
    public async Task NumberedPageTotalsFollowEveryWrite()
    {
        var category = await Content.CategoryAsync();
        var managed = $"/api/v1/manage/articles?page=1&category={category.GetProperty("slug").GetString()}";
        var delivered = $"/api/v1/articles?page=1&category={category.GetProperty("slug").GetString()}";
        Assert.Equal(0, await TotalAsync(Editor, managed));
        Assert.Equal(0, await TotalAsync(Reader, delivered));

        var draft = await Content.DraftAsync(category.GetProperty("id").GetInt32());
        Assert.Equal(1, await TotalAsync(Editor, managed));
        Assert.Equal(0, await TotalAsync(Reader, delivered));

        await Content.PublishAsync(draft.GetProperty("id").GetInt32(), DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(1, await TotalAsync(Reader, delivered));

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/manage/articles/{draft.GetProperty("id").GetInt32()}", Ct)).StatusCode);
        Assert.Equal(0, await TotalAsync(Editor, managed));
        Assert.Equal(0, await TotalAsync(Reader, delivered));
    }

    [Fact]
    public async Task ADeepNumberedPageIsTheSameWhenReadAgainAndShiftsAfterAWrite()
    {
        var category = await Content.CategoryAsync();
        var ids = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await Content.DraftAsync(category.GetProperty("id").GetInt32())).GetProperty("id").GetInt32());
        }

        // Newest edit first: ids in reverse order of creation. Page 3 of size 2 holds the 5th and 6th.
        var page3 = $"/api/v1/manage/articles?page=3&pageSize=2&category={category.GetProperty("slug").GetString()}";
        Assert.Equal([ids[2], ids[1]], await IdsAsync(page3));
        Assert.Equal([ids[2], ids[1]], await IdsAsync(page3));

        ids.Add((await Content.DraftAsync(category.GetProperty("id").GetInt32())).GetProperty("id").GetInt32());
        Assert.Equal([ids[3], ids[2]], await IdsAsync(page3));
    }

    private async Task<List<int>> IdsAsync(string url) =>
        [.. (await (await Editor.GetAsync(url, Ct)).AssertJsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32())];

    private static async Task<int> TotalAsync(HttpClient client, string url) =>
        (await (await client.GetAsync(url, Ct)).AssertJsonAsync()).GetProperty("page").GetProperty("totalItems").GetInt32();

    private async Task<string?> TitleAsync(string slug) =>
        (await (await Reader.GetAsync($"/api/v1/articles/{slug}", Ct)).AssertJsonAsync()).GetProperty("title").GetString();

    private async Task<List<JsonElement>> ItemsAsync(string url) =>
        [.. (await (await Reader.GetAsync(url, Ct)).AssertJsonAsync()).GetProperty("items").EnumerateArray()];
}

public sealed class DeliveryCacheTestsOnPostgres(PostgresApiFactory factory) : DeliveryCacheTests<PostgresApiFactory>(factory);

public sealed class DeliveryCacheTestsOnSqlite(SqliteApiFactory factory) : DeliveryCacheTests<SqliteApiFactory>(factory);
