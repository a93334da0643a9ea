using System.Net;
using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Events;

/// <summary>The changes feed: what changed in the delivery API, in order, from a cursor a client keeps.</summary>
public abstract class ChangesFeedTests<TFactory>(TFactory factory) : IClassFixture<TFactory>, IDisposable where TFactory : CmsApiFactory
{
    private readonly HttpClient editor = factory.CreateEditorClient();
    private readonly HttpClient anonymous = factory.CreateAnonymousClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        editor.Dispose();
        anonymous.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task PublishEditSlugChangeAndUnpublishShowUpInOrderAndAnIdleCursorReturnsNothing()
    {
        var content = new Content(editor);
        var category = await content.CategoryAsync();
        var draft = await content.DraftAsync(category.Id());
        var id = draft.Id();
        var oldSlug = draft.Text("slug");
        var newSlug = Content.Unique("renamed");
        // Editing a draft changes nothing a reader sees: it must not appear.
        await (await editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}", new { title = "Draft edit", body = "Still a draft.", categoryId = category.Id() })).AssertJsonAsync();
        var cursor = await TailAsync();

        await content.PublishAsync(id, DateTimeOffset.UtcNow.AddMinutes(-1));
        await (await editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}", new { title = "Edited", body = "Edited body.", categoryId = category.Id() })).AssertJsonAsync();
        await (await editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}", new { title = "Edited", slug = newSlug, body = "Edited body.", categoryId = category.Id() })).AssertJsonAsync();
        await (await editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/unpublish", null)).AssertJsonAsync();

        var page = await (await anonymous.GetAsync(cursor, Ct)).AssertJsonAsync();
        page.AssertProperties("items", "page", "links");
        var items = page.GetProperty("items").EnumerateArray().Where(i => i.TryGetProperty("article", out var a) && a.ValueKind == JsonValueKind.Object && a.Id() == id).ToList();
        // The body edit also regenerates the (generated) summary, which readers see too.
        Assert.Equal(["article.published", "article.updated", "article.summary_changed", "article.updated", "article.slug_changed", "article.unpublished"],
            items.Select(i => i.Text("type")));
        var sequences = items.Select(i => i.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Distinct().Count(), sequences.Count);
        Assert.EndsWith("/api/v1/articles/" + oldSlug, items[0].GetProperty("article").Text("url"), StringComparison.Ordinal);
        Assert.Equal(newSlug, items[4].GetProperty("article").Text("slug"));
        var gone = items[5].GetProperty("article");
        Assert.Equal(newSlug, gone.Text("slug"));
        Assert.Equal(JsonValueKind.Null, gone.GetProperty("url").ValueKind);

        var next = page.GetProperty("links").Text("next");
        for (var poll = 0; poll < 2; poll++)
        {
            var idle = await (await anonymous.GetAsync(next, Ct)).AssertJsonAsync();
            Assert.Empty(idle.GetProperty("items").EnumerateArray());
            Assert.Equal(next, idle.GetProperty("links").Text("next"));
            next = idle.GetProperty("links").Text("next");
        }
    }

    [Fact]
    public async Task AScheduledArticleAppearsAsPublishedOnceWhenItsTimeComes()
    {
        var content = new Content(editor);
        var category = await content.CategoryAsync();
        var draft = await content.DraftAsync(category.Id());
        var cursor = await TailAsync();
        var publishAt = DateTimeOffset.UtcNow.AddSeconds(3);

        await content.PublishAsync(draft.Id(), publishAt);

        var items = await Eventually.HoldsAsync(
            async () => (await anonymous.AllChangesAsync(cursor)).Where(i => i.GetProperty("article").ValueKind == JsonValueKind.Object && i.GetProperty("article").Id() == draft.Id()).ToList(),
            list => list.Count > 0, "the scheduled article in the feed");
        var published = Assert.Single(items);
        Assert.Equal("article.published", published.Text("type"));
        // Emitted when its time came, not when it was scheduled.
        Assert.True(published.GetProperty("occurredAt").AssertUtc() >= publishAt.UtcDateTime.AddTicks(-publishAt.UtcDateTime.Ticks % 10));
        await (await anonymous.GetAsync(published.GetProperty("article").Text("url"), Ct)).AssertJsonAsync();
    }

    /// <summary>
    /// The cursor's promise under load: a client that follows links.next while several editors publish at once sees
    /// every change exactly once. Sequences are drawn as transactions run but commits land in any order; if a smaller
    /// sequence could become visible after a larger one, the poller would already be past it and miss it for good.
    /// </summary>
    [Fact]
    public async Task APollerFollowingTheCursorWhileEditorsPublishAtOnceMissesNothing()
    {
        var category = await new Content(editor).CategoryAsync();
        var start = await TailAsync();
        var writing = true;
        var seen = new List<long>();
        var poller = Task.Run(async () =>
        {
            for (var next = start; ;)
            {
                var lastRound = !Volatile.Read(ref writing);
                var page = await (await anonymous.GetAsync(next, Ct)).AssertJsonAsync();
                var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sequence").GetInt64()).ToList();
                seen.AddRange(items);
                next = page.GetProperty("links").Text("next");
                if (lastRound && items.Count == 0)
                {
                    return;
                }
            }
        }, Ct);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            var content = new Content(editor);
            for (var i = 0; i < 5; i++)
            {
                var draft = await content.DraftAsync(category.Id());
                await content.PublishAsync(draft.Id(), DateTimeOffset.UtcNow.AddMinutes(-1));
            }
        }));
        Volatile.Write(ref writing, false);
        await poller;

        var everything = (await anonymous.AllChangesAsync(start)).Select(i => i.GetProperty("sequence").GetInt64()).ToList();
        Assert.True(everything.Count >= 30, $"30 publications were made, the feed has {everything.Count} changes");
        Assert.Equal(everything, seen);
    }

    [Fact]
    public async Task BadCursorsAreValidationProblemsAndTheNextLinkIsAlwaysThere()
    {
        await (await anonymous.GetAsync("/api/v1/changes?since=abc", Ct)).AssertValidationProblemAsync("since");
        await (await anonymous.GetAsync("/api/v1/changes?pageSize=0", Ct)).AssertValidationProblemAsync("pageSize");
        var far = await (await anonymous.GetAsync("/api/v1/changes?since=999999999", Ct)).AssertJsonAsync();
        Assert.Empty(far.GetProperty("items").EnumerateArray());
        Assert.EndsWith("/api/v1/changes?since=999999999", far.GetProperty("links").Text("next"), StringComparison.Ordinal);
    }

    /// <summary>The links.next after everything in the feed now.</summary>
    private async Task<string> TailAsync()
    {
        var next = "/api/v1/changes?pageSize=100";
        while (true)
        {
            var page = await (await anonymous.GetAsync(next, Ct)).AssertJsonAsync();
            next = page.GetProperty("links").Text("next");
            if (page.GetProperty("items").GetArrayLength() == 0)
            {
                return next;
            }
        }
    }
}

public sealed class ChangesFeedTestsOnPostgres(PostgresEventsFactory factory) : ChangesFeedTests<PostgresEventsFactory>(factory);

public sealed class ChangesFeedTestsOnSqlite(SqliteEventsFactory factory) : ChangesFeedTests<SqliteEventsFactory>(factory);

public static class ChangesFeed
{
    /// <summary>Every change after the cursor, following links.next until a page is empty.</summary>
    public static async Task<List<JsonElement>> AllChangesAsync(this HttpClient client, string cursor)
    {
        var items = new List<JsonElement>();
        for (var next = cursor; ;)
        {
            var page = await (await client.GetAsync(next, TestContext.Current.CancellationToken)).AssertJsonAsync(HttpStatusCode.OK);
            var batch = page.GetProperty("items").EnumerateArray().ToList();
            if (batch.Count == 0)
            {
                return items;
            }

            items.AddRange(batch);
            next = page.GetProperty("links").Text("next");
        }
    }
}
