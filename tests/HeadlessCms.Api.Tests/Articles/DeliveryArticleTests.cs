using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;

namespace HeadlessCms.Api.Tests.Articles;

/// <summary>The public delivery API: shapes, caching validators, visibility, safe HTML and CORS.</summary>
public abstract partial class DeliveryArticleTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory) where TFactory : CmsApiFactory
{
    [Fact]
    public async Task ListItemsCarryExactlyTheDocumentedFieldsInsideTheListEnvelope()
    {
        var category = await Content.CategoryAsync();
        var published = await Content.PublishedAsync(category.Id(), author: "Ada Reporter", summary: "An editor's summary.");

        var response = await Reader.GetAsync($"/api/v1/articles?category={category.Text("slug")}", Ct);
        var page = await response.AssertJsonAsync();

        page.AssertProperties("items", "page", "links");
        page.GetProperty("page").AssertProperties("size", "number", "totalItems", "totalPages");
        page.GetProperty("links").AssertProperties("self", "first", "prev", "next", "last");
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        item.AssertProperties("id", "slug", "title", "author", "category", "publishedAt", "updatedAt", "readingTimeMinutes", "featuredImageUrl", "summary", "links");
        Assert.Equal(published.Id(), item.Id());
        Assert.Equal(published.Text("slug"), item.Text("slug"));
        Assert.Equal("Ada Reporter", item.Text("author"));
        item.GetProperty("category").AssertProperties("id", "slug", "name");
        Assert.Equal(category.Text("slug"), item.GetProperty("category").Text("slug"));
        Assert.Equal("An editor's summary.", item.Text("summary"));
        Assert.Equal(JsonValueKind.Null, item.GetProperty("featuredImageUrl").ValueKind);
        Assert.True(item.GetProperty("readingTimeMinutes").GetInt32() >= 1);
        item.GetProperty("publishedAt").AssertUtc();
        item.GetProperty("updatedAt").AssertUtc();
        item.GetProperty("links").AssertProperties("self");
        Assert.Equal($"http://localhost/api/v1/articles/{item.Text("slug")}", item.GetProperty("links").Text("self"));
    }

    [Fact]
    public async Task DetailAddsBodyHtmlSummaryAndLinksAndAnETag()
    {
        var category = await Content.CategoryAsync();
        var published = await Content.PublishedAsync(category.Id(), body: "Intro paragraph with **bold** text.\n\nSecond paragraph.", summary: "Short version.");
        var slug = published.Text("slug");

        var response = await Reader.GetAsync($"/api/v1/articles/{slug}", Ct);
        var article = await response.AssertJsonAsync();

        article.AssertHasProperties("id", "slug", "title", "author", "category", "publishedAt", "updatedAt", "readingTimeMinutes", "featuredImageUrl",
            "body", "bodyHtml", "summary", "links");
        Assert.Equal("Intro paragraph with **bold** text.\n\nSecond paragraph.", article.Text("body"));
        Assert.Contains("<strong>bold</strong>", article.Text("bodyHtml"), StringComparison.Ordinal);
        article.GetProperty("summary").AssertProperties("text", "source");
        Assert.Equal("Short version.", article.GetProperty("summary").Text("text"));
        Assert.Equal("editor", article.GetProperty("summary").Text("source"));
        article.GetProperty("links").AssertProperties("self", "summary", "category");
        Assert.Equal($"http://localhost/api/v1/articles/{slug}", article.GetProperty("links").Text("self"));
        Assert.Equal($"http://localhost/api/v1/articles/{slug}/summary", article.GetProperty("links").Text("summary"));
        Assert.Equal($"http://localhost/api/v1/categories/{category.Text("slug")}", article.GetProperty("links").Text("category"));
        article.GetProperty("publishedAt").AssertUtc();
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task IfNoneMatchWithTheCurrentETagGives304AndAChangeGivesANewRepresentation()
    {
        var category = await Content.CategoryAsync();
        var published = await Content.PublishedAsync(category.Id());
        var url = $"/api/v1/articles/{published.Text("slug")}";
        var first = await Reader.GetAsync(url, Ct);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await Reader.SendAsync(conditional, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Ct));

        var current = await Editor.GetAsync($"/api/v1/manage/articles/{published.Id()}", Ct);
        var changed = await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{published.Id()}",
            new { title = "A changed title", body = "Changed body.", categoryId = category.Id() }, current.Headers.ETag!.ToString());
        await changed.AssertJsonAsync();

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(etag);
        var fresh = await Reader.SendAsync(again, Ct);
        var body = await fresh.AssertJsonAsync();
        Assert.Equal("A changed title", body.Text("title"));
        Assert.NotEqual(etag, fresh.Headers.ETag);
    }

    [Fact]
    public async Task AnUnknownSlugIsA404Problem()
    {
        var response = await Reader.GetAsync($"/api/v1/articles/{Content.Unique("nothing").ToLowerInvariant()}", Ct);
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        var summary = await Reader.GetAsync($"/api/v1/articles/{Content.Unique("nothing").ToLowerInvariant()}/summary", Ct);
        await summary.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DraftScheduledAndArchivedArticlesNeverAppearInAnyDeliveryEndpoint()
    {
        var category = await Content.CategoryAsync();
        var visible = await Content.PublishedAsync(category.Id(), summary: "Visible summary.");
        var draft = await Content.DraftAsync(category.Id(), summary: "Draft summary.");
        var scheduled = await Content.PublishedAsync(category.Id(), publishAt: DateTimeOffset.UtcNow.AddDays(1), summary: "Scheduled summary.");
        Assert.Equal("scheduled", scheduled.Text("status"));
        var archivedDraft = await Content.PublishedAsync(category.Id(), summary: "Archived summary.");
        var archived = await (await Editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{archivedDraft.Id()}/archive", null)).AssertJsonAsync();
        Assert.Equal("archived", archived.Text("status"));
        var hidden = new[] { draft, scheduled, archived }.Select(a => a.Text("slug")).ToList();

        var lists = new[]
        {
            $"/api/v1/articles?category={category.Text("slug")}&pageSize=100",
            $"/api/v1/categories/{category.Text("slug")}/articles?pageSize=100",
            "/api/v1/articles?pageSize=100",
        };
        foreach (var list in lists)
        {
            var slugs = (await Reader.AllItemsAsync(list)).Select(i => i.Text("slug")).ToList();
            Assert.Contains(visible.Text("slug"), slugs);
            Assert.All(hidden, slug => Assert.DoesNotContain(slug, slugs));
        }

        var feed = (await Reader.AllItemsAsync("/api/v1/summaries?pageSize=100")).Select(i => i.GetProperty("article").Text("slug")).ToList();
        Assert.Contains(visible.Text("slug"), feed);
        Assert.All(hidden, slug => Assert.DoesNotContain(slug, feed));

        foreach (var slug in hidden)
        {
            await (await Reader.GetAsync($"/api/v1/articles/{slug}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await Reader.GetAsync($"/api/v1/articles/{slug}/summary", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        }

        await (await Reader.GetAsync($"/api/v1/articles/{visible.Text("slug")}", Ct)).AssertJsonAsync();
        await (await Reader.GetAsync($"/api/v1/articles/{visible.Text("slug")}/summary", Ct)).AssertJsonAsync();
    }

    [Fact]
    public async Task BodyHtmlNeverCarriesRawHtmlOrScriptLinksFromTheMarkdown()
    {
        var category = await Content.CategoryAsync();
        const string body = """
            Safe **text** and a [good link](https://example.com/page).

            <script>alert('x')</script>

            <img src="x" onerror="alert('y')">

            <a href="javascript:alert('z')">html link</a>

            [markdown link](javascript:alert('w')) and [mixed case](JaVaScRiPt:alert(1)) and [entity](&#106;avascript:alert(2))

            ![image](javascript:alert(3)) <javascript:alert(4)> [data](data:text/html;base64,PHNjcmlwdD4=)

            Inline <span onclick="alert(5)">span</span> text.
            """;
        var published = await Content.PublishedAsync(category.Id(), body: body);

        var article = await (await Reader.GetAsync($"/api/v1/articles/{published.Text("slug")}", Ct)).AssertJsonAsync();
        var html = article.Text("bodyHtml");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=\"x\"", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<span", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(TagWithEventHandler(), html);
        Assert.DoesNotMatch(ScriptUrl(), html);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<strong>text</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.com/page\">good link</a>", html, StringComparison.Ordinal);
        Assert.Equal(body, article.Text("body"));
    }

    [Fact]
    public async Task TheSummaryEndpointAnswersWithTheArticleTextSourceAndUpdatedAt()
    {
        var category = await Content.CategoryAsync();
        var withEditorSummary = await Content.PublishedAsync(category.Id(), summary: "What the editor wrote.");
        var withoutSummary = await Content.PublishedAsync(category.Id(), body: "First sentence here. Second sentence there. Third one. Fourth one.");

        var editorSummary = await (await Reader.GetAsync($"/api/v1/articles/{withEditorSummary.Text("slug")}/summary", Ct)).AssertJsonAsync();
        editorSummary.AssertProperties("article", "text", "source", "updatedAt");
        editorSummary.GetProperty("article").AssertProperties("slug", "title");
        Assert.Equal(withEditorSummary.Text("slug"), editorSummary.GetProperty("article").Text("slug"));
        Assert.Equal(withEditorSummary.Text("title"), editorSummary.GetProperty("article").Text("title"));
        Assert.Equal("What the editor wrote.", editorSummary.Text("text"));
        Assert.Equal("editor", editorSummary.Text("source"));
        editorSummary.GetProperty("updatedAt").AssertUtc();

        var generated = await (await Reader.GetAsync($"/api/v1/articles/{withoutSummary.Text("slug")}/summary", Ct)).AssertJsonAsync();
        Assert.Equal("generated", generated.Text("source"));
        Assert.False(string.IsNullOrWhiteSpace(generated.Text("text")));
    }

    [Fact]
    public async Task TheSummariesFeedListsVisibleArticlesNewestFirstWithTheDocumentedShape()
    {
        var category = await Content.CategoryAsync();
        var older = await Content.PublishedAsync(category.Id(), publishAt: DateTimeOffset.UtcNow.AddHours(-2), summary: "Older summary.");
        var newer = await Content.PublishedAsync(category.Id(), publishAt: DateTimeOffset.UtcNow.AddHours(-1), summary: "Newer summary.");

        var feed = await Reader.AllItemsAsync("/api/v1/summaries?pageSize=2");
        var slugs = feed.Select(i => i.GetProperty("article").Text("slug")).ToList();
        Assert.True(slugs.IndexOf(newer.Text("slug")) is >= 0 and var n && n < slugs.IndexOf(older.Text("slug")), $"newest first: {string.Join(", ", slugs)}");
        var publishedTimes = feed.Select(i => i.GetProperty("article").GetProperty("publishedAt").AssertUtc()).ToList();
        Assert.Equal(publishedTimes.OrderDescending(), publishedTimes);

        var item = feed.Single(i => i.GetProperty("article").Text("slug") == newer.Text("slug"));
        item.AssertHasProperties("article", "text", "source");
        item.GetProperty("article").AssertHasProperties("slug", "title", "publishedAt", "category");
        item.GetProperty("article").GetProperty("category").AssertProperties("slug", "name");
        Assert.Equal(category.Text("slug"), item.GetProperty("article").GetProperty("category").Text("slug"));
        Assert.Equal(category.Text("name"), item.GetProperty("article").GetProperty("category").Text("name"));
        Assert.Equal("Newer summary.", item.Text("text"));
        Assert.Equal("editor", item.Text("source"));
    }

    [Fact]
    public async Task AConfiguredOriginMayReadTheDeliveryApiFromABrowser()
    {
        const string allowed = "https://front.example";
        await using var withCors = Factory.WithWebHostBuilder(b => b.UseSetting("Cms:Cors:AllowedOrigins:0", allowed));
        using var browser = withCors.CreateClient();

        foreach (var url in new[] { "/api/v1/articles", "/api/v1/categories", "/api/v1/summaries" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Origin", allowed);
            var response = await browser.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(allowed, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        }

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/articles");
        preflight.Headers.Add("Origin", allowed);
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        var preflightResponse = await browser.SendAsync(preflight, Ct);
        Assert.True(preflightResponse.IsSuccessStatusCode, $"preflight answered {(int)preflightResponse.StatusCode}");
        Assert.Equal(allowed, Assert.Single(preflightResponse.Headers.GetValues("Access-Control-Allow-Origin")));

        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        foreign.Headers.Add("Origin", "https://elsewhere.example");
        var foreignResponse = await browser.SendAsync(foreign, Ct);
        Assert.False(foreignResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task WithoutConfiguredOriginsNoOriginIsAllowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        request.Headers.Add("Origin", "https://front.example");
        var response = await Reader.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [GeneratedRegex("<[^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex TagWithEventHandler();

    [GeneratedRegex("(href|src)\\s*=\\s*\"\\s*(javascript|data|vbscript):", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptUrl();
}

public sealed class DeliveryArticleTestsOnPostgres(PostgresApiFactory factory) : DeliveryArticleTests<PostgresApiFactory>(factory);

public sealed class DeliveryArticleTestsOnSqlite(SqliteApiFactory factory) : DeliveryArticleTests<SqliteApiFactory>(factory);
