using System.Net;
using System.Net.Http.Json;
using HeadlessCms.Api.Tests.Fixtures;
using HeadlessCms.Data;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Tests.Events;

/// <summary>By default a webhook may only call https on public addresses (no server-side request forgery).</summary>
public abstract class WebhookSsrfTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : CmsApiFactory
{
    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://[::1]/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://169.254.169.254/")]
    [InlineData("https://[::ffff:10.0.0.1]/")]
    [InlineData("https://192.168.1.10/")]
    [InlineData("ftp://example.com/")]
    public async Task APrivateOrPlainHttpDestinationIsRefusedAtRegistration(string url)
    {
        using var admin = factory.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/manage/webhooks", new { url }, TestContext.Current.CancellationToken);
        var problem = await response.AssertValidationProblemAsync("url");
        Assert.Contains("url", problem.GetProperty("errors").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAdminsManageWebhooks()
    {
        using var editor = factory.CreateEditorClient();
        var response = await editor.GetAsync("/api/v1/manage/webhooks", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var anonymous = factory.CreateAnonymousClient();
        await (await anonymous.GetAsync("/api/v1/manage/webhooks", TestContext.Current.CancellationToken)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class WebhookSsrfTestsOnPostgres(PostgresApiFactory factory) : WebhookSsrfTests<PostgresApiFactory>(factory);

public sealed class WebhookSsrfTestsOnSqlite(SqliteApiFactory factory) : WebhookSsrfTests<SqliteApiFactory>(factory);

/// <summary>Two API instances on one PostgreSQL database share the outbox: each event is delivered once.</summary>
public sealed class TwoInstanceDeliveryTests
{
    [Fact]
    public async Task TwoInstancesDeliverEachOf200EventsExactlyOnce()
    {
        var (connectionString, drop) = await EventSettings.NewDatabaseAsync(DatabaseProvider.Postgres);
        try
        {
            await using var receiver = new WebhookReceiver();
            await receiver.StartAsync();
            await using var one = new AttachedApiFactory(DatabaseProvider.Postgres, connectionString);
            await one.InitializeAsync();
            await using var two = new AttachedApiFactory(DatabaseProvider.Postgres, connectionString);
            await two.InitializeAsync();
            using var admin = one.CreateAdminClient();
            (_, receiver.Secret) = await Webhooks.CreateAsync(admin, receiver.Url, "category.created");
            using var editorOne = one.CreateEditorClient();
            using var editorTwo = two.CreateEditorClient();

            await Task.WhenAll(
                Task.Run(async () => { for (var i = 0; i < 100; i++) { await new Content(editorOne).CategoryAsync(); } }, TestContext.Current.CancellationToken),
                Task.Run(async () => { for (var i = 0; i < 100; i++) { await new Content(editorTwo).CategoryAsync(); } }, TestContext.Current.CancellationToken));

            await receiver.WaitForAsync(r => r.Select(x => x.Id).Distinct().Count() >= 200, seconds: 120);
            await using (var db = one.NewDbContext())
            {
                await Eventually.HoldsAsync(() => db.WebhookMessages.CountAsync(m => m.State != Data.Webhooks.WebhookMessageState.Succeeded, TestContext.Current.CancellationToken), n => n == 0, "every message delivered");
                Assert.Equal(200, await db.WebhookMessages.CountAsync(TestContext.Current.CancellationToken));
            }

            var received = receiver.Received.ToList();
            Assert.All(received, r => Assert.True(r.Verified));
            Assert.Equal(200, received.Count);
            Assert.Equal(200, received.Select(r => r.Json.Text("id")).Distinct().Count());
        }
        finally
        {
            await drop();
        }
    }
}
