using System.Net;
using System.Text.RegularExpressions;
using HeadlessCms.Api.Tests.Events;
using HeadlessCms.Api.Tests.Fixtures;
using TestWebhooks = HeadlessCms.Api.Tests.Events.Webhooks;

namespace HeadlessCms.Api.Tests.Observability;

public sealed class MetricsSqliteApiFactory : SqliteApiFactory
{
    public MetricsSqliteApiFactory()
    {
        Set("Cms:Metrics:Enabled", "true");
        EventSettings.Apply(this);
    }
}

/// <summary>With Cms:Metrics:Enabled, /metrics serves Prometheus text with the HTTP histogram and our own metrics.</summary>
public sealed class MetricsTests(MetricsSqliteApiFactory factory) : ApiTest<MetricsSqliteApiFactory>(factory)
{
    [Fact]
    public async Task MetricsListTheHttpDurationHistogramAndEveryCmsMetricAfterAFewRequests()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        (_, receiver.Secret) = await TestWebhooks.CreateAsync(Admin, receiver.Url, "article.published");
        // Nothing listens on this port: every attempt to it fails (and is retried).
        await TestWebhooks.CreateAsync(Admin, $"http://127.0.0.1:{WebhookReceiver.FreePort()}/hook", "article.published");
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.Id());
        bool Ours(ReceivedWebhook x) => x.Json.GetProperty("data").GetProperty("slug").GetString() == article.Text("slug");
        await receiver.WaitForAsync(r => r.Any(Ours));
        var url = $"/api/v1/articles/{article.Text("slug")}";
        await (await Reader.GetAsync(url, Ct)).AssertJsonAsync();
        await (await Reader.GetAsync(url, Ct)).AssertJsonAsync(); // from the server cache

        // The dispatcher counts an attempt once it has its answer, just after the receiver has it: scrape until it shows.
        var text = await Eventually.HoldsAsync(ScrapeAsync,
            t => Regex.IsMatch(t, @"headlesscms_webhook_deliveries(_total)?\{[^}]*outcome=""delivered""[^}]*\} [1-9]")
                 && Regex.IsMatch(t, @"headlesscms_webhook_deliveries(_total)?\{[^}]*outcome=""failed""[^}]*\} [1-9]"),
            "a delivered and a failed webhook attempt counted");

        Assert.Contains("http_server_request_duration_seconds_bucket", text);
        Assert.Matches(@"headlesscms_output_cache_requests(_total)?\{[^}]*result=""hit""[^}]*\} [1-9]", text);
        Assert.Matches(@"headlesscms_output_cache_requests(_total)?\{[^}]*result=""miss""[^}]*\} [1-9]", text);
        Assert.Matches(@"headlesscms_summaries_generated(_total)?(\{[^}]*\})? [1-9]", text);
        Assert.Contains("headlesscms_database_retries", text);
        Assert.Matches(@"headlesscms_content_events_written(_total)?\{[^}]*type=""article.published""[^}]*\} [1-9]", text);
        Assert.Matches(@"headlesscms_content_events_written(_total)?\{[^}]*type=""article.created""[^}]*\} [1-9]", text);
        Assert.Matches(@"headlesscms_webhook_deliveries(_total)?\{[^}]*outcome=""gave_up""[^}]*\} 0", text);
        // The retried message to the dead receiver is still pending: the outbox lag is a number of seconds, 0 or more.
        Assert.Matches(@"(?m)^headlesscms_outbox_lag(_seconds)?(\{[^}]*\})? \d+(\.\d+)?(e[-+]?\d+)?( \d+)?$", text);
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await Reader.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [Fact]
    public async Task MetricsAreOffByDefault()
    {
        await using var plain = new SqliteApiFactory();
        await plain.InitializeAsync();
        using var client = plain.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics", Ct)).StatusCode);
    }
}
