using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Tests.Events;

/// <summary>Webhooks: signed per Standard Webhooks, retried until the receiver answers, never lost by a restart.</summary>
public abstract class WebhookTests<TFactory>(TFactory factory) : IClassFixture<TFactory>, IDisposable where TFactory : CmsApiFactory
{
    private readonly HttpClient admin = factory.CreateAdminClient();
    private readonly HttpClient editor = factory.CreateEditorClient();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        admin.Dispose();
        editor.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AnEventArrivesSignedAndATamperedBodyIsRefused()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var (webhookId, secret) = await Webhooks.CreateAsync(admin, receiver.Url, "article.published");
        receiver.Secret = secret;
        var content = new Content(editor);
        var category = await content.CategoryAsync();
        var article = await content.PublishedAsync(category.Id());

        // Matched by the article's unique slug: a loopback port can be reused by another test's retries (with its own ids).
        bool Ours(ReceivedWebhook x) => x.Json.GetProperty("data").GetProperty("slug").GetString() == article.Text("slug");
        var received = (await receiver.WaitForAsync(r => r.Any(Ours))).Single(Ours);

        Assert.True(received.Verified, "the signature verifies with an independent implementation");
        var body = received.Json;
        body.AssertProperties("id", "sequence", "type", "occurredAt", "actor", "data");
        Assert.Equal("article.published", received.Type);
        Assert.True(Guid.TryParse(body.Text("id"), out _));
        Assert.True(body.GetProperty("sequence").GetInt64() > 0);
        body.GetProperty("occurredAt").AssertUtc();
        Assert.Equal("test editor", body.GetProperty("actor").Text("name"));
        var data = body.GetProperty("data");
        Assert.Equal(article.Text("slug"), data.Text("slug"));
        Assert.Equal(category.Text("slug"), data.Text("category"));
        Assert.True(data.GetProperty("visible").GetBoolean());
        Assert.EndsWith("/api/v1/articles/" + article.Text("slug"), data.Text("url"), StringComparison.Ordinal);

        var tampered = received.Body.Replace(article.Text("slug"), article.Text("slug") + "-x", StringComparison.Ordinal);
        Assert.False(StandardWebhooksVerifier.Verify(secret, received.Id, received.Timestamp, received.Signature, tampered, DateTimeOffset.UtcNow));
        using var forger = new HttpClient();
        var forged = new HttpRequestMessage(HttpMethod.Post, receiver.Url) { Content = new StringContent(tampered, Encoding.UTF8, "application/json") };
        forged.Headers.Add("webhook-id", received.Id);
        forged.Headers.Add("webhook-timestamp", received.Timestamp);
        forged.Headers.Add("webhook-signature", received.Signature);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forger.SendAsync(forged, Ct)).StatusCode);

        var shown = await (await admin.GetAsync($"/api/v1/manage/webhooks/{webhookId}", Ct)).AssertJsonAsync();
        Assert.DoesNotContain(secret, shown.ToString(), StringComparison.Ordinal);
        // The receiver answers before the dispatcher writes the attempt to the log: wait for the log, not for a time.
        var log = await Webhooks.DeliveriesAsync(admin, webhookId);
        for (var deadline = DateTime.UtcNow.AddSeconds(60); log.Count == 0 && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100, Ct);
            log = await Webhooks.DeliveriesAsync(admin, webhookId);
        }

        var attempt = Assert.Single(log);
        Assert.Equal(200, attempt.GetProperty("statusCode").GetInt32());
        Assert.Equal(received.Id, attempt.Text("webhookId"));
        Assert.DoesNotContain(received.Signature!, attempt.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventRetriedUntilTheReceiverIsUpArrivesWithOneWebhookId()
    {
        await using var receiver = new WebhookReceiver();
        var (webhookId, secret) = await Webhooks.CreateAsync(admin, receiver.Url, "category.created");
        receiver.Secret = secret;
        var category = await new Content(editor).CategoryAsync();

        await Eventually.HoldsAsync(() => Webhooks.DeliveriesAsync(admin, webhookId), log => log.Count >= 2, "two failed attempts while the receiver is down");
        await receiver.StartAsync();
        var received = await receiver.WaitForAsync(r => r.Count >= 1);

        Assert.All(received, r => Assert.True(r.Verified));
        Assert.Equal(category.Id(), received[0].Json.GetProperty("data").GetProperty("id").GetInt32());
        var log = await Eventually.HoldsAsync(() => Webhooks.DeliveriesAsync(admin, webhookId), l => l.Any(d => d.GetProperty("statusCode").ValueKind == JsonValueKind.Number), "the success logged");
        Assert.Single(log.Select(d => d.Text("webhookId")).Distinct());
        Assert.Equal(received[0].Id, log[0].Text("webhookId"));
        var failed = log.Where(d => d.GetProperty("statusCode").ValueKind == JsonValueKind.Null).ToList();
        Assert.True(failed.Count >= 2);
        Assert.All(failed, d => Assert.False(string.IsNullOrEmpty(d.Text("error"))));
        Assert.All(failed, d => Assert.Equal(JsonValueKind.String, d.GetProperty("nextAttemptAt").ValueKind));
    }

    [Fact]
    public async Task AWriteThatFailsValidationOrHits412EmitsNothing()
    {
        var content = new Content(editor);
        var category = await content.CategoryAsync();
        var draft = await content.DraftAsync(category.Id());
        var before = await CountEventsAsync();

        await (await editor.PostAsJsonAsync("/api/v1/manage/articles", new { title = "", body = "x", categoryId = category.Id() }, Ct)).AssertValidationProblemAsync("title");
        await (await editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{draft.Id()}", new { title = "New", body = "b", categoryId = category.Id() }, ifMatch: "\"999\""))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{draft.Id()}/publish", null, ifMatch: "\"999\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await editor.SendJsonAsync(HttpMethod.Delete, $"/api/v1/manage/articles/{draft.Id()}", null, ifMatch: "\"999\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/categories/{category.Id()}", new { name = "Renamed" }, ifMatch: "\"999\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal(before, await CountEventsAsync());
        await content.PublishAsync(draft.Id());
        Assert.Equal(before + 1, await CountEventsAsync());
    }

    [Fact]
    public async Task AnEventStillArrivesWhenTheApiRestartsWhileARetryIsPending()
    {
        var (connectionString, drop) = await EventSettings.NewDatabaseAsync(factory.Provider);
        try
        {
            await using var receiver = new WebhookReceiver();
            int webhookId;
            await using (var first = new AttachedApiFactory(factory.Provider, connectionString))
            {
                await first.InitializeAsync();
                using var firstAdmin = first.CreateAdminClient();
                (webhookId, receiver.Secret) = await Webhooks.CreateAsync(firstAdmin, receiver.Url, "category.created");
                using var firstEditor = first.CreateEditorClient();
                await new Content(firstEditor).CategoryAsync();
                await Eventually.HoldsAsync(() => Webhooks.DeliveriesAsync(firstAdmin, webhookId), log => log.Count >= 1, "a failed attempt before the restart");
            }

            await receiver.StartAsync();
            await using var second = new AttachedApiFactory(factory.Provider, connectionString);
            await second.InitializeAsync();
            var received = await receiver.WaitForAsync(r => r.Count >= 1);
            Assert.True(received[0].Verified);
            Assert.Equal("category.created", received[0].Type);
        }
        finally
        {
            await drop();
        }
    }

    private async Task<int> CountEventsAsync()
    {
        await using var db = factory.NewDbContext();
        return await db.ContentEvents.CountAsync(Ct);
    }
}

public sealed class WebhookTestsOnPostgres(PostgresEventsFactory factory) : WebhookTests<PostgresEventsFactory>(factory);

public sealed class WebhookTestsOnSqlite(SqliteEventsFactory factory) : WebhookTests<SqliteEventsFactory>(factory);

/// <summary>Small helpers over the webhook management API.</summary>
public static class Webhooks
{
    public static async Task<(int Id, string Secret)> CreateAsync(HttpClient admin, string url, params string[] events)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/manage/webhooks", new { url, events, description = "test receiver" }, TestContext.Current.CancellationToken);
        var created = await response.AssertJsonAsync(HttpStatusCode.Created);
        var secret = created.Text("secret");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        return (created.Id(), secret);
    }

    public static Task<List<JsonElement>> DeliveriesAsync(HttpClient admin, int webhookId) =>
        admin.AllItemsAsync($"/api/v1/manage/webhooks/{webhookId}/deliveries");
}
