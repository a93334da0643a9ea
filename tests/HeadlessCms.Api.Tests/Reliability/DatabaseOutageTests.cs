using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HeadlessCms.Api.Tests.Reliability;

/// <summary>The app reaches its PostgreSQL database only through a proxy the test can cut.</summary>
public class ProxiedPostgresApiFactory : PostgresApiFactory
{
    public const int CommandTimeoutSeconds = 5;

    public ProxiedPostgresApiFactory() => Set("Database:CommandTimeoutSeconds", CommandTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public TcpProxy Proxy { get; private set; } = null!;

    /// <summary>The database itself, not through the proxy: for checking what was stored.</summary>
    public string DirectConnectionString { get; private set; } = string.Empty;

    protected override async Task<string> CreateDatabaseAsync()
    {
        DirectConnectionString = await base.CreateDatabaseAsync();
        var direct = new NpgsqlConnectionStringBuilder(DirectConnectionString);
        Proxy = new TcpProxy(direct.Host!, direct.Port);
        return new NpgsqlConnectionStringBuilder(DirectConnectionString)
        {
            Host = "127.0.0.1",
            Port = Proxy.Port,
            Timeout = 3,
            CommandTimeout = CommandTimeoutSeconds,
            KeepAlive = 1,
            MaxPoolSize = 30,
        }.ConnectionString;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class DatabaseOutageTests(ProxiedPostgresApiFactory factory) : IClassFixture<ProxiedPostgresApiFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CuttingTheDatabaseMidLoadGives503sQuicklyAndRestoringItServesAgainWithNoLostOrHalfWrites()
    {
        using var editor = factory.CreateEditorClient();
        using var anonymous = factory.CreateAnonymousClient();
        var categoryId = (await new Content(editor).CategoryAsync()).GetProperty("id").GetInt32();
        var prefix = Content.Unique("outage").ToLowerInvariant();

        // Each writer creates an article (slug a), then renames it (slug b): a rename writes the article and a former
        // slug in one transaction, so afterwards an article has slug a and no former slug, or slug b and former slug a.
        var acknowledged = new ConcurrentDictionary<int, string>();
        var answers = new ConcurrentQueue<(int Status, TimeSpan Took, bool During, string Body, string? RetryAfter, string? MediaType)>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        async Task<HttpResponseMessage> TimedAsync(Func<Task<HttpResponseMessage>> send)
        {
            var started = clock.Elapsed;
            var response = await send();
            var body = await response.Content.ReadAsStringAsync(Token);
            answers.Enqueue(((int)response.StatusCode, clock.Elapsed - started, factory.Proxy.IsCut, body,
                response.Headers.RetryAfter?.ToString(), response.Content.Headers.ContentType?.MediaType));
            return response;
        }

        async Task WriterAsync(int writer)
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var slug = $"{prefix}-{writer}-{n}";
                var created = await TimedAsync(() => editor.PostAsJsonAsync("/api/v1/manage/articles", new { title = slug, slug, body = "Body.", categoryId }, Token));
                if (created.StatusCode != HttpStatusCode.Created)
                {
                    continue;
                }

                var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetInt32();
                acknowledged[id] = slug;
                var renamed = await TimedAsync(() => editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}", new { title = slug, slug = slug + "-b", body = "Body.", categoryId }));
                if (renamed.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged[id] = slug + "-b";
                }
            }
        }

        async Task ReaderAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                await TimedAsync(() => anonymous.GetAsync("/api/v1/articles?pageSize=5", Token));
                await TimedAsync(() => editor.GetAsync("/api/v1/manage/articles?pageSize=5", Token));
            }
        }

        var load = Enumerable.Range(0, 6).Select(w => Task.Run(() => WriterAsync(w))).Concat(Enumerable.Range(0, 3).Select(_ => Task.Run(ReaderAsync))).ToList();
        // Phases end on what happened, not after fixed delays: a busy machine only makes them longer.
        await UntilAsync(() => acknowledged.Count(a => a.Value.EndsWith("-b", StringComparison.Ordinal)) >= 5 && answers.Count(a => a.Status == 200) >= 5,
            "writes and reads succeed before the cut");
        var acknowledgedBeforeCut = acknowledged.ToDictionary();
        factory.Proxy.Cut();
        var answersBeforeCut = answers.Count;
        await UntilAsync(() => answers.Skip(answersBeforeCut).Count(a => a.Status == 503 && a.During) >= 10, "the cut is noticed (503s)");

        var ready = await anonymous.GetAsync("/health/ready", Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live", Token)).StatusCode);
        var duringCut = await anonymous.GetAsync("/api/v1/categories", Token);
        await duringCut.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(duringCut.Headers.RetryAfter);

        factory.Proxy.Restore();
        var restoredAt = Stopwatch.StartNew();
        while (true)
        {
            var probe = await editor.GetAsync("/api/v1/manage/articles?pageSize=1", Token);
            if (probe.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            // Generous: the pool drops dead connections as it meets them; this bounds "never recovers", not a speed.
            Assert.True(restoredAt.Elapsed < Deadline, $"still {(int)probe.StatusCode} {restoredAt.Elapsed} after the database came back");
            await Task.Delay(100, Token);
        }

        var servedAgainAfter = restoredAt.Elapsed;
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready", Token)).StatusCode);
        var answersAfterRestore = answers.Count;
        await UntilAsync(() => answers.Skip(answersAfterRestore).Count(a => a.Status == 201) >= 5, "writers succeed again after the restore");
        await stop.CancelAsync();
        await Task.WhenAll(load);

        // Every answer: a success, or a 503 problem with Retry-After; never a 500, never a hang.
        var all = answers.ToList();
        foreach (var answer in all)
        {
            Assert.True(answer.Status is 200 or 201 or 503, $"{answer.Status}: {answer.Body}");
            Assert.True(answer.Took < TimeSpan.FromSeconds(30), $"a request took {answer.Took}");
            if (answer.Status == 503)
            {
                Assert.Equal("application/problem+json", answer.MediaType);
                Assert.NotNull(answer.RetryAfter);
            }
        }

        var unavailable = all.Count(a => a.Status == 503);
        Assert.True(unavailable > 0, "the cut was noticed");
        Assert.True(all.Count(a => a.Status is 200 or 201 && !a.During) > unavailable / 10, "the API served before and after the cut");

        // What was acknowledged is stored, read straight from the database (not through the proxy or the app).
        await using var db = new NpgsqlConnection(factory.DirectConnectionString);
        await db.OpenAsync(Token);
        var stored = new Dictionary<int, string>();
        await using (var command = new NpgsqlCommand("SELECT \"Id\", \"Slug\" FROM \"Articles\" WHERE \"Slug\" LIKE @p", db))
        {
            command.Parameters.AddWithValue("p", prefix + "-%");
            await using var reader = await command.ExecuteReaderAsync(Token);
            while (await reader.ReadAsync(Token))
            {
                stored[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        var former = new Dictionary<int, List<string>>();
        await using (var command = new NpgsqlCommand("SELECT \"ArticleId\", \"Slug\" FROM \"FormerSlugs\" WHERE \"Slug\" LIKE @p", db))
        {
            command.Parameters.AddWithValue("p", prefix + "-%");
            await using var reader = await command.ExecuteReaderAsync(Token);
            while (await reader.ReadAsync(Token))
            {
                (former.TryGetValue(reader.GetInt32(0), out var list) ? list : former[reader.GetInt32(0)] = []).Add(reader.GetString(1));
            }
        }

        foreach (var (id, slug) in acknowledged)
        {
            Assert.True(stored.TryGetValue(id, out var actual), $"acknowledged article {id} ({slug}) is missing");
            // A rename answered 503 may or may not have committed (the client cannot know): either whole state is fine.
            Assert.True(actual == slug || (!slug.EndsWith("-b", StringComparison.Ordinal) && actual == slug + "-b"), $"article {id}: acknowledged {slug}, stored {actual}");
        }

        foreach (var (id, slug) in stored)
        {
            var formerSlugs = former.GetValueOrDefault(id) ?? [];
            if (slug.EndsWith("-b", StringComparison.Ordinal))
            {
                Assert.Equal([slug[..^2]], formerSlugs);
            }
            else
            {
                Assert.Empty(formerSlugs);
            }
        }

        Report.Write(GetType().Name, $"outage: {all.Count} requests, {all.Count(a => a.Status < 300)} 2xx, {unavailable} 503; " +
            $"{acknowledged.Count} articles acknowledged ({acknowledgedBeforeCut.Count} before the cut), {acknowledged.Count(a => stored.GetValueOrDefault(a.Key) == a.Value)} found as acknowledged; " +
            $"served again {servedAgainAfter.TotalMilliseconds:F0} ms after restore; slowest answer {all.Max(a => a.Took).TotalMilliseconds:F0} ms");
    }

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Deadline, $"waited {waited.Elapsed} for this, in vain: {what}");
            await Task.Delay(50, Token);
        }
    }

    [Fact]
    public async Task AQueryThatOutlastsTheCommandTimeoutAnswers503InsteadOfHanging()
    {
        // A lock held elsewhere makes the app's update wait; the command timeout ends the wait.
        using var editor = factory.CreateEditorClient();
        var content = new Content(editor);
        var article = await content.DraftAsync((await content.CategoryAsync()).GetProperty("id").GetInt32());
        var id = article.GetProperty("id").GetInt32();
        await using var db = new NpgsqlConnection(factory.DirectConnectionString);
        await db.OpenAsync(Token);
        await using var transaction = await db.BeginTransactionAsync(Token);
        await using (var command = new NpgsqlCommand($"SELECT 1 FROM \"Articles\" WHERE \"Id\" = {id} FOR UPDATE", db, transaction))
        {
            await command.ExecuteNonQueryAsync(Token);
        }

        var clock = Stopwatch.StartNew();
        var response = await editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/publish", null);
        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        await transaction.RollbackAsync(Token);
        Assert.Equal("draft", (await (await editor.GetAsync($"/api/v1/manage/articles/{id}", Token)).AssertJsonAsync()).GetProperty("status").GetString());
    }
}
