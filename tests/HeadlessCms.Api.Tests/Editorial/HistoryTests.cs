using System.Net;
using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessCms.Api.Tests.Editorial;

/// <summary>The system clock plus an offset a test can move forward (preview expiry without waiting an hour).</summary>
public sealed class MovableTime : TimeProvider
{
    private long offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));
}

public sealed class HistoryPostgresFactory : PostgresApiFactory
{
    public MovableTime Time { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Time));
    }
}

public sealed class HistorySqliteFactory : SqliteApiFactory
{
    public MovableTime Time { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Time));
    }
}

/// <summary>Revisions, diff, restore, preview links and the audit trail, through HTTP.</summary>
public abstract class HistoryTests<TFactory>(TFactory factory, MovableTime time) : ApiTest<TFactory>(factory) where TFactory : CmsApiFactory
{
    [Fact]
    public async Task CreateThreeEditsAndAPublishLeaveFiveRevisionsNewestFirstWithDiffAndRestore()
    {
        var content = Content;
        var category = (await content.CategoryAsync()).Id();
        var article = await content.DraftAsync(category, title: "Budget vote", body: "Line one.\nLine two.\nLine three.");
        var id = article.Id();
        var bodies = new[] { "Line one.\nLine 2.\nLine three.", "Line one.\nLine 2.\nLine three.\nLine four.", "Line one.\nLine 2.\nLine three.\nLine four." };
        var titles = new[] { "Budget vote", "Budget vote", "Budget vote passes" };
        for (var i = 0; i < 3; i++)
        {
            article = await (await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}",
                new { title = titles[i], body = bodies[i], categoryId = category }, article.ETag())).AssertJsonAsync();
        }

        article = await content.PublishAsync(id);
        var list = await (await Editor.GetAsync($"/api/v1/manage/articles/{id}/revisions", Ct)).AssertJsonAsync();
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        var versions = items.Select(i => i.GetProperty("version").GetInt64()).ToList();
        Assert.Equal(versions.OrderByDescending(v => v), versions);
        Assert.Equal(article.GetProperty("version").GetInt64(), versions[0]);
        Assert.Equal("published", items[0].GetProperty("status").GetString());
        Assert.All(items, i => Assert.False(i.TryGetProperty("body", out _)));
        Assert.All(items, i => Assert.Equal("test editor", i.GetProperty("createdBy").GetProperty("name").GetString()));
        Assert.True(list.TryGetProperty("links", out _) && list.TryGetProperty("page", out _));

        var first = await (await Editor.GetAsync($"/api/v1/manage/articles/{id}/revisions/{versions[4]}", Ct)).AssertJsonAsync();
        Assert.Equal("Line one.\nLine two.\nLine three.", first.GetProperty("body").GetString());
        Assert.Equal("draft", first.GetProperty("status").GetString());

        var diff = await (await Editor.GetAsync($"/api/v1/manage/articles/{id}/revisions/{versions[1]}/diff?against={versions[4]}", Ct)).AssertJsonAsync();
        var fields = diff.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString()).ToList();
        Assert.Equal(["title"], fields);
        var bodyDiff = diff.GetProperty("bodyDiff").GetString()!;
        Assert.Contains("-Line two.\n", bodyDiff, StringComparison.Ordinal);
        Assert.Contains("+Line 2.\n", bodyDiff, StringComparison.Ordinal);
        Assert.Contains("+Line four.\n", bodyDiff, StringComparison.Ordinal);
        Assert.StartsWith($"--- version {versions[4]}\n+++ version {versions[1]}\n@@ -1,3 +1,4 @@", bodyDiff, StringComparison.Ordinal);
        await (await Editor.GetAsync($"/api/v1/manage/articles/{id}/revisions/{versions[1]}/diff?against=999999", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);

        // Restore with a stale If-Match: 412 and nothing written.
        var stale = $"\"{versions[1]}\"";
        await (await Editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/revisions/{versions[4]}/restore", null, stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await Editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/revisions/{versions[4]}/restore", null)).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal(5, (await (await Editor.GetAsync($"/api/v1/manage/articles/{id}/revisions", Ct)).AssertJsonAsync()).GetProperty("items").GetArrayLength());

        var restored = await (await Editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/revisions/{versions[4]}/restore", null, article.ETag())).AssertJsonAsync();
        Assert.Equal("Budget vote", restored.GetProperty("title").GetString());
        Assert.Equal("Line one.\nLine two.\nLine three.", restored.GetProperty("body").GetString());
        Assert.Equal("published", restored.GetProperty("status").GetString());
        Assert.True(restored.GetProperty("version").GetInt64() > article.GetProperty("version").GetInt64());
        Assert.Equal(6, (await (await Editor.GetAsync($"/api/v1/manage/articles/{id}/revisions", Ct)).AssertJsonAsync()).GetProperty("items").GetArrayLength());

        // Deleting the article deletes its revisions.
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/manage/articles/{id}", Ct)).StatusCode);
        await (await Editor.GetAsync($"/api/v1/manage/articles/{id}/revisions", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await using var db = Factory.NewDbContext();
        Assert.False(db.ArticleRevisions.Any(r => r.ArticleId == id));
    }

    [Fact]
    public async Task APreviewLinkShowsADraftAndAScheduledArticleUncachedAndNotAfterExpiryTamperingOrDeletion()
    {
        var content = Content;
        var category = (await content.CategoryAsync()).Id();
        var draft = await content.DraftAsync(category, title: "Secret plan", body: "# Heading\n\nNot yet public.");
        var scheduled = await content.PublishedAsync(category, DateTimeOffset.UtcNow.AddDays(2), title: "Tomorrow's news");
        var link = await (await Editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{draft.Id()}/preview", null)).AssertJsonAsync();
        var token = link.GetProperty("token").GetString()!;
        var expiresAt = link.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));
        var response = await Reader.GetAsync(new Uri(link.GetProperty("url").GetString()!).PathAndQuery, Ct);
        var preview = await response.AssertJsonAsync();
        Assert.Equal("Secret plan", preview.GetProperty("title").GetString());
        Assert.Contains("<h1", preview.GetProperty("bodyHtml").GetString()!, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(preview.GetProperty("summary").GetProperty("text").GetString()));
        Assert.True(preview.TryGetProperty("navigation", out _));
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true, Public: false }, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
        // Still a draft to everyone else.
        await (await Reader.GetAsync($"/api/v1/articles/{draft.GetProperty("slug").GetString()}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);

        // Edits show at once (never served from a cache).
        await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{draft.Id()}", new { title = "Secret plan, revised", body = "Changed.", categoryId = category });
        Assert.Equal("Secret plan, revised", (await (await Reader.GetAsync($"/api/v1/preview/{token}", Ct)).AssertJsonAsync()).GetProperty("title").GetString());

        var scheduledLink = await (await Editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{scheduled.Id()}/preview", new { expiresInMinutes = 10 })).AssertJsonAsync();
        var scheduledPreview = await (await Reader.GetAsync($"/api/v1/preview/{scheduledLink.GetProperty("token").GetString()}", Ct)).AssertJsonAsync();
        Assert.Equal("Tomorrow's news", scheduledPreview.GetProperty("title").GetString());
        await (await Editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{scheduled.Id()}/preview", new { expiresInMinutes = 7 * 24 * 60 + 1 })).AssertValidationProblemAsync("expiresInMinutes");

        // Tampered: one character of the signature changed, or the payload swapped for another article's.
        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        var otherPayload = scheduledLink.GetProperty("token").GetString()!.Split('.')[0] + "." + token.Split('.')[1];
        var problems = new List<string>();
        foreach (var bad in new[] { tampered, otherPayload, "not-a-token" })
        {
            problems.Add((await (await Reader.GetAsync($"/api/v1/preview/{bad}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!);
        }

        // Expired: move the app's clock past the ten minutes.
        time.Advance(TimeSpan.FromMinutes(11));
        problems.Add((await (await Reader.GetAsync($"/api/v1/preview/{scheduledLink.GetProperty("token").GetString()}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await Reader.GetAsync($"/api/v1/preview/{token}", Ct)).StatusCode);

        // Deleted article.
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/manage/articles/{draft.Id()}", Ct)).StatusCode);
        problems.Add((await (await Reader.GetAsync($"/api/v1/preview/{token}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!);
        Assert.Single(problems.Distinct()); // no hint which
    }

    [Fact]
    public async Task TheAuditTrailRecordsEveryKindOfActionWithItsActorAndNoSecrets()
    {
        var (authorId, authorKey) = await Editorial.KeyAsync(Factory, "author", "Audited author");
        using var author = Factory.CreateClientWithKey(authorKey);
        var category = await Content.CategoryAsync();
        var draft = await new Content(author).DraftAsync(category.Id(), title: "Audited");
        var id = draft.Id();
        await author.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/submit", null);
        await Content.PublishAsync(id);
        await Editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/archive", null);
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/manage/articles/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/manage/api-keys/{authorId}", Ct)).StatusCode);

        var forArticle = await (await Admin.GetAsync($"/api/v1/manage/audit?articleId={id}&pageSize=100", Ct)).AssertJsonAsync();
        var types = forArticle.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["article.deleted", "article.archived", "article.published", "article.submitted", "article.created"], types);
        var created = forArticle.GetProperty("items").EnumerateArray().Last();
        Assert.Equal(authorId, created.GetProperty("actor").GetProperty("keyId").GetInt32());

        var all = await (await Admin.GetAsync("/api/v1/manage/audit?pageSize=100", Ct)).AssertJsonAsync();
        var entries = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("type").GetString() == "api_key.created" && e.GetProperty("subjectId").GetInt32() == authorId);
        Assert.Contains(entries, e => e.GetProperty("type").GetString() == "api_key.revoked" && e.GetProperty("subjectId").GetInt32() == authorId);
        Assert.Contains(entries, e => e.GetProperty("type").GetString() == "category.created" && e.GetProperty("subjectId").GetInt32() == category.Id());
        Assert.DoesNotContain(authorKey, all.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(CmsApiFactory.AdminKey, all.GetRawText(), StringComparison.Ordinal);

        var byAuthor = await (await Admin.GetAsync($"/api/v1/manage/audit?actor={authorId}&pageSize=100", Ct)).AssertJsonAsync();
        Assert.All(byAuthor.GetProperty("items").EnumerateArray(), e => Assert.Equal(authorId, e.GetProperty("actor").GetProperty("keyId").GetInt32()));
        var revocations = await (await Admin.GetAsync("/api/v1/manage/audit?type=api_key.revoked", Ct)).AssertJsonAsync();
        Assert.All(revocations.GetProperty("items").EnumerateArray(), e => Assert.Equal("api_key.revoked", e.GetProperty("type").GetString()));
        var future = await (await Admin.GetAsync($"/api/v1/manage/audit?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(30).ToString("O"))}", Ct)).AssertJsonAsync();
        Assert.Equal(0, future.GetProperty("items").GetArrayLength());
        await (await Editor.GetAsync("/api/v1/manage/audit", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}

public sealed class HistoryTestsOnPostgres(HistoryPostgresFactory factory) : HistoryTests<HistoryPostgresFactory>(factory, factory.Time);

public sealed class HistoryTestsOnSqlite(HistorySqliteFactory factory) : HistoryTests<HistorySqliteFactory>(factory, factory.Time);
