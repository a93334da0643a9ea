using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.ScaleOut;

/// <summary>
/// Writes on instance A, reads on instance B (another host sharing PostgreSQL, its replica and Redis): every kind of
/// write shows on B once acknowledged on A and never goes back, also while the replica lags, Redis is away or the
/// replica is down.
/// </summary>
public sealed class TwoInstanceTests(ScaleOutCluster cluster) : IClassFixture<ScaleOutCluster>
{
    private const int Cycles = 25; // eight writes each: 200 writes
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly HttpClient a = cluster.A.Client(cluster.EditorKey);
    private readonly HttpClient b = cluster.B.Client();

    [Fact]
    public async Task EveryKindOfWriteOnOneInstanceIsVisibleOnTheOtherAndNeverReverts()
    {
        var visibility = new Visibility(b);
        var content = new Content(a);
        var category = await content.CategoryAsync();
        var categoryId = category.GetProperty("id").GetInt32();
        var categorySlug = category.GetProperty("slug").GetString()!;
        var list = $"/api/v1/categories/{categorySlug}/articles?page=1&pageSize=5";
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            var (_, before) = await visibility.GetAsync(list); // fills B's caches with the state before the writes
            var total = before!.Value.GetProperty("page").GetProperty("totalItems").GetInt32();

            var draft = await content.DraftAsync(categoryId);
            var id = draft.GetProperty("id").GetInt32();
            var slug = draft.GetProperty("slug").GetString()!;
            await visibility.GetAsync($"/api/v1/articles/{slug}");
            var acknowledged = await WriteAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/publish", null);
            await visibility.AwaitAsync(acknowledged, "publish", (Article(slug), (s, _) => s == HttpStatusCode.OK), (list, Total(total + 1)));

            var title = Content.Unique("Edited");
            acknowledged = await WriteAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}", Edit(draft, title, slug, categoryId));
            await visibility.AwaitAsync(acknowledged, "edit", (Article(slug), (s, body) => s == HttpStatusCode.OK && body!.Value.GetProperty("title").GetString() == title));

            var newSlug = Content.Unique("moved");
            acknowledged = await WriteAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}", Edit(draft, title, newSlug, categoryId));
            await visibility.AwaitAsync(acknowledged, "slug change",
                (Article(newSlug), (s, _) => s == HttpStatusCode.OK), (Article(slug), (s, _) => s == HttpStatusCode.MovedPermanently));

            var name = Content.Unique("Renamed");
            acknowledged = await WriteAsync(HttpMethod.Put, $"/api/v1/manage/categories/{categoryId}", new { name, slug = categorySlug, description = (string?)null, parentId = (int?)null });
            await visibility.AwaitAsync(acknowledged, "category rename",
                (Article(newSlug), (s, body) => s == HttpStatusCode.OK && body!.Value.GetProperty("category").GetProperty("name").GetString() == name),
                ($"/api/v1/categories/{categorySlug}", (s, body) => s == HttpStatusCode.OK && body!.Value.GetProperty("name").GetString() == name));

            acknowledged = await WriteAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/unpublish", null);
            await visibility.AwaitAsync(acknowledged, "unpublish", (Article(newSlug), (s, _) => s == HttpStatusCode.NotFound), (list, Total(total)));

            acknowledged = await WriteAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/publish", null);
            await visibility.AwaitAsync(acknowledged, "publish again", (Article(newSlug), (s, _) => s == HttpStatusCode.OK), (list, Total(total + 1)));

            acknowledged = await WriteAsync(HttpMethod.Delete, $"/api/v1/manage/articles/{id}", null);
            await visibility.AwaitAsync(acknowledged, "delete", (Article(newSlug), (s, _) => s == HttpStatusCode.NotFound), (list, Total(total)));
        }

        Report.Write("scale-out visibility on the other instance", visibility.Summary());
    }

    [Fact]
    public async Task ACursorFromOneInstanceGivesTheNextPageOnTheOtherAndATamperedOneIsRefusedByBoth()
    {
        var content = new Content(a);
        var categoryId = (await content.CategoryAsync()).GetProperty("id").GetInt32();
        var author = Content.Unique("author");
        for (var i = 0; i < 3; i++)
        {
            await content.PublishedAsync(categoryId, DateTimeOffset.UtcNow.AddMinutes(-10 - i), author: author);
        }

        var first = await (await a.GetAsync($"/api/v1/articles?pageSize=2&author={author}", Cancel)).AssertJsonAsync();
        var next = first.GetProperty("links").GetProperty("next").GetString()!;
        var second = await (await b.GetAsync(next, Cancel)).AssertJsonAsync();
        var firstSlugs = first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).ToList();
        var secondSlugs = second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()).ToList();
        Assert.Single(secondSlugs);
        Assert.DoesNotContain(secondSlugs[0], firstSlugs);

        var cursor = new Uri(next).Query.Split('&').First(p => p.TrimStart('?').StartsWith("cursor=", StringComparison.Ordinal)).Split('=')[1];
        var tampered = next.Replace(cursor, cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1], StringComparison.Ordinal);
        foreach (var client in new[] { a, b })
        {
            await (await client.GetAsync(tampered, Cancel)).AssertProblemAsync(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task AWriteIsVisibleOnTheOtherInstanceWhileTheReplicaLagsBehindIt()
    {
        var content = new Content(a);
        var categoryId = (await content.CategoryAsync()).GetProperty("id").GetInt32();
        var article = await content.PublishedAsync(categoryId);
        var slug = article.GetProperty("slug").GetString()!;
        var id = article.GetProperty("id").GetInt32();
        var visibility = new Visibility(b);
        await visibility.AwaitAsync(Stopwatch.GetTimestamp(), "publish", (Article(slug), (s, _) => s == HttpStatusCode.OK));

        await cluster.Replica.ExecuteAsSuperuserAsync("SELECT pg_wal_replay_pause()");
        try
        {
            var title = Content.Unique("While lagging");
            var acknowledged = await WriteAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}", Edit(article, title, slug, categoryId));
            // The replica cannot have this write, so only a read that went to the primary shows it.
            var (status, body) = await visibility.GetAsync(Article(slug));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(title, body!.Value.GetProperty("title").GetString());
            await visibility.AwaitAsync(acknowledged, "edit while the replica lags", (Article(slug), (s, b) => s == HttpStatusCode.OK && b!.Value.GetProperty("title").GetString() == title));
        }
        finally
        {
            await cluster.Replica.ExecuteAsSuperuserAsync("SELECT pg_wal_replay_resume()");
        }
    }

    [Fact]
    public async Task WithTheReplicaStoppedDeliveryAnswersFromThePrimary()
    {
        var content = new Content(a);
        var categoryId = (await content.CategoryAsync()).GetProperty("id").GetInt32();
        await cluster.Replica.StopAsync();
        try
        {
            var article = await content.PublishedAsync(categoryId);
            var slug = article.GetProperty("slug").GetString()!;
            var visibility = new Visibility(b);
            for (var i = 0; i < 5; i++)
            {
                var (status, _) = await visibility.GetAsync(Article(slug));
                Assert.Equal(HttpStatusCode.OK, status);
                var (listStatus, _) = await visibility.GetAsync($"/api/v1/articles?pageSize=3&page=1&q={Uri.EscapeDataString("council")}");
                Assert.Equal(HttpStatusCode.OK, listStatus);
            }
        }
        finally
        {
            await cluster.Replica.StartAsync();
        }
    }

    [Fact]
    public async Task WithRedisStoppedNothingFailsAndNothingStaleIsServedWhenItReturns()
    {
        var content = new Content(a);
        var categoryId = (await content.CategoryAsync()).GetProperty("id").GetInt32();
        var article = await content.PublishedAsync(categoryId);
        var slug = article.GetProperty("slug").GetString()!;
        var id = article.GetProperty("id").GetInt32();
        var visibility = new Visibility(b);
        // Cached in Redis (kept on disk, so it comes back with Redis) under the current generation.
        await visibility.AwaitAsync(Stopwatch.GetTimestamp(), "publish", (Article(slug), (s, _) => s == HttpStatusCode.OK));

        int Warnings() => cluster.B.Logs.Messages.Count(m => m.Contains("SharedRedis: Redis cannot be reached", StringComparison.Ordinal));
        var warningsBefore = Warnings();
        await cluster.Redis.StopAsync();
        string title;
        try
        {
            for (var i = 0; i < 3; i++)
            {
                title = Content.Unique("Without Redis");
                var acknowledged = await WriteAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}", Edit(article, title, slug, categoryId));
                await visibility.AwaitAsync(acknowledged, "edit without Redis", (Article(slug), (s, body) => s == HttpStatusCode.OK && body!.Value.GetProperty("title").GetString() == title));
            }

            using var health = await b.GetAsync("/health/ready", Cancel);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Degraded", await health.Content.ReadAsStringAsync(Cancel));
            // Once per outage, not once per request.
            Assert.True(warningsBefore + 1 == Warnings(), string.Join("\n", cluster.B.Logs.Messages.Where(m => m.Contains("Redis", StringComparison.Ordinal)).Select(m => m[..Math.Min(m.Length, 300)])));
        }
        finally
        {
            await cluster.Redis.StartAsync();
        }

        title = (await (await a.GetAsync($"/api/v1/manage/articles/{id}", Cancel)).AssertJsonAsync()).GetProperty("title").GetString()!;
        // Redis is back with the entry cached before the outage: it must not be served.
        for (var i = 0; i < 20; i++)
        {
            var (status, body) = await visibility.GetAsync(Article(slug));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(title, body!.Value.GetProperty("title").GetString());
        }

        var last = Content.Unique("After Redis");
        var after = await WriteAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}", Edit(article, last, slug, categoryId));
        await visibility.AwaitAsync(after, "edit after Redis returned", (Article(slug), (s, body) => s == HttpStatusCode.OK && body!.Value.GetProperty("title").GetString() == last));
    }

    [Fact]
    public async Task AScheduledArticleGoesLiveOnBothInstancesAtItsTime()
    {
        var content = new Content(a);
        var categoryId = (await content.CategoryAsync()).GetProperty("id").GetInt32();
        var draft = await content.DraftAsync(categoryId);
        var slug = draft.GetProperty("slug").GetString()!;
        var at = DateTimeOffset.UtcNow.AddSeconds(3);
        await content.PublishAsync(draft.GetProperty("id").GetInt32(), at);
        var onA = new Visibility(cluster.A.Client());
        var onB = new Visibility(b);
        // Cached as absent on both before its time.
        Assert.Equal(HttpStatusCode.NotFound, (await onA.GetAsync(Article(slug))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await onB.GetAsync(Article(slug))).Status);

        var due = Stopwatch.GetTimestamp() + (long)((at - DateTimeOffset.UtcNow).TotalSeconds * Stopwatch.Frequency);
        await onA.AwaitAsync(Stopwatch.GetTimestamp(), "scheduled on A", (Article(slug), (s, _) => s == HttpStatusCode.OK));
        await onB.AwaitAsync(Stopwatch.GetTimestamp(), "scheduled on B", (Article(slug), (s, _) => s == HttpStatusCode.OK));
        Assert.True(Stopwatch.GetTimestamp() >= due, "the article appeared before its time");
    }

    private static string Article(string slug) => $"/api/v1/articles/{slug}";

    private static Func<HttpStatusCode, JsonElement?, bool> Total(int expected) =>
        (status, body) => status == HttpStatusCode.OK && body!.Value.GetProperty("page").GetProperty("totalItems").GetInt32() == expected;

    private static object Edit(JsonElement article, string title, string slug, int categoryId) => new
    {
        title,
        slug,
        body = article.GetProperty("body").GetString(),
        categoryId,
        author = (string?)null,
        featuredImageUrl = (string?)null,
    };

    /// <summary>Sends a write to A, asserts it succeeded, and returns when it was acknowledged.</summary>
    private async Task<long> WriteAsync(HttpMethod method, string url, object? body)
    {
        using var response = await a.SendJsonAsync(method, url, body);
        var acknowledged = Stopwatch.GetTimestamp();
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} answered {(int)response.StatusCode}: {text}");
        return acknowledged;
    }
}
