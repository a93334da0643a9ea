using System.Net;
using HeadlessCms.Api.Articles;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessCms.Api.Tests.Articles;

/// <summary>The body is rendered when it is written; readers are served the stored HTML, never a fresh render.</summary>
public abstract class StoredBodyHtmlTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory) where TFactory : CmsApiFactory
{
    [Fact]
    public async Task TheDeliveryApiServesTheStoredHtmlColumnNotARenderOfTheBody()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.GetProperty("id").GetInt32(), body: "Some **bold** words.");
        var id = article.GetProperty("id").GetInt32();
        var slug = article.Text("slug");

        // Behind the API: if a read rendered the Markdown it would show <strong>bold</strong>, not this.
        await using (var db = Factory.NewDbContext())
        {
            var stored = await db.Articles.Where(a => a.Id == id).Select(a => a.BodyHtml).SingleAsync(Ct);
            Assert.Contains("<strong>bold</strong>", stored, StringComparison.Ordinal);
            await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.BodyHtml, "<p>the stored column</p>"), Ct);
        }

        var detail = await (await Reader.GetAsync($"/api/v1/articles/{slug}", Ct)).AssertJsonAsync();
        Assert.Equal("<p>the stored column</p>", detail.Text("bodyHtml"));
        Assert.Equal("Some **bold** words.", detail.Text("body"));
    }

    [Fact]
    public async Task UpdatingTheBodyStoresItsNewHtml()
    {
        var category = await Content.CategoryAsync();
        var categoryId = category.GetProperty("id").GetInt32();
        var article = await Content.PublishedAsync(categoryId, body: "First *version*.");
        var id = article.GetProperty("id").GetInt32();
        var updated = await (await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}",
            new { title = article.Text("title"), body = "Second `version`.", categoryId })).AssertJsonAsync();

        var detail = await (await Reader.GetAsync($"/api/v1/articles/{updated.Text("slug")}", Ct)).AssertJsonAsync();
        Assert.Equal("<p>Second <code>version</code>.</p>\n", detail.Text("bodyHtml"));
    }

    [Fact]
    public async Task TheBackfillRendersRowsWithoutHtmlAndShowsARefusedOldBodyAsEscapedText()
    {
        var category = await Content.CategoryAsync();
        var categoryId = category.GetProperty("id").GetInt32();
        var plain = await Content.PublishedAsync(categoryId, body: "An [old](https://example.com/) row.");
        var hostile = await Content.PublishedAsync(categoryId, body: "Placeholder.");
        var plainId = plain.GetProperty("id").GetInt32();
        var hostileId = hostile.GetProperty("id").GetInt32();
        var quotes = new string('>', 50_000);

        // As rows written before the column existed (and, for the second, before the limits): no HTML stored.
        await using (var db = Factory.NewDbContext())
        {
            await db.Articles.Where(a => a.Id == plainId).ExecuteUpdateAsync(s => s.SetProperty(a => a.BodyHtml, (string?)null), Ct);
            await db.Articles.Where(a => a.Id == hostileId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.BodyHtml, (string?)null).SetProperty(a => a.Body, quotes), Ct);
        }

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<BodyHtmlBackfill>().RunAsync(Ct) >= 2);
        }

        var rendered = await (await Reader.GetAsync($"/api/v1/articles/{plain.Text("slug")}", Ct)).AssertJsonAsync();
        Assert.Equal("<p>An <a href=\"https://example.com/\">old</a> row.</p>\n", rendered.Text("bodyHtml"));
        var escaped = await (await Reader.GetAsync($"/api/v1/articles/{hostile.Text("slug")}", Ct)).AssertJsonAsync();
        Assert.Equal("<pre>" + string.Concat(Enumerable.Repeat("&gt;", 50_000)) + "</pre>", escaped.Text("bodyHtml"));

        // Its summary and publishing never fail on it; saving it unchanged is refused, saying why.
        (await Editor.PostAsync($"/api/v1/manage/articles/{hostileId}/summary/generate", null, Ct)).EnsureSuccessStatusCode();
        (await Editor.PostAsync($"/api/v1/manage/articles/{hostileId}/publish", null, Ct)).EnsureSuccessStatusCode();
        var refused = await (await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{hostileId}",
            new { title = hostile.Text("title"), body = quotes, categoryId })).AssertValidationProblemAsync("body");
        Assert.Contains("nests", refused.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARowWithoutStoredHtmlIsShownEscapedUntilTheBackfillReachesIt()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.GetProperty("id").GetInt32(), body: "Plain <b>text</b> & **more**.");
        var id = article.GetProperty("id").GetInt32();
        await using (var db = Factory.NewDbContext())
        {
            await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.BodyHtml, (string?)null), Ct);
        }

        var response = await Reader.GetAsync($"/api/v1/articles/{article.Text("slug")}", Ct);
        var detail = await response.AssertJsonAsync(HttpStatusCode.OK);
        Assert.Equal("<pre>Plain &lt;b&gt;text&lt;/b&gt; &amp; **more**.</pre>", detail.Text("bodyHtml"));
    }
}

public sealed class StoredBodyHtmlTestsOnPostgres(PostgresApiFactory factory) : StoredBodyHtmlTests<PostgresApiFactory>(factory);

public sealed class StoredBodyHtmlTestsOnSqlite(SqliteApiFactory factory) : StoredBodyHtmlTests<SqliteApiFactory>(factory);
