using System.Net;
using System.Net.Http.Json;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace HeadlessCms.Api.Tests.Reliability;

public sealed class LoggedProxiedPostgresApiFactory : ProxiedPostgresApiFactory
{
    // The outbox's background jobs poll the database every second: they would meet the dropped pooled connections
    // first and the request under test would not.
    public LoggedProxiedPostgresApiFactory() => Set("Cms:Events:RunBackgroundJobs", "false");

    public LogCollector Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:HeadlessCms", "Information");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

/// <summary>
/// Connections the pool still holds die when the database restarts (here: the proxy drops them and comes straight
/// back). A read that meets one is run again on a fresh connection; a write is not, because it may have committed.
/// </summary>
public sealed class TransientRetryTests(LoggedProxiedPostgresApiFactory factory) : IClassFixture<LoggedProxiedPostgresApiFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReadThatMeetsADroppedConnectionIsRetriedAndAWriteIsNot()
    {
        using var editor = factory.CreateEditorClient();
        var categoryId = (await new Content(editor).CategoryAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/api/v1/manage/articles", Token)).StatusCode);

        factory.Proxy.Cut();
        factory.Proxy.Restore();
        var read = await editor.GetAsync("/api/v1/manage/articles", Token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains(factory.Logs.Messages, m => m.Contains("Retrying GET /api/v1/manage/articles", StringComparison.Ordinal));

        factory.Proxy.Cut();
        factory.Proxy.Restore();
        var slug = Content.Unique("after-drop").ToLowerInvariant();
        var write = await editor.PostAsJsonAsync("/api/v1/manage/articles", new { title = slug, slug, body = "Body.", categoryId }, Token);
        await write.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(write.Headers.RetryAfter);
        Assert.DoesNotContain(factory.Logs.Messages, m => m.Contains("Retrying POST", StringComparison.Ordinal));

        // The client decides: the write did not happen, so sending it again creates it once.
        var again = await editor.PostAsJsonAsync("/api/v1/manage/articles", new { title = slug, slug, body = "Body.", categoryId }, Token);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }
}
