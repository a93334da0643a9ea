using System.Net;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Observability;

public sealed class MetricsSqliteApiFactory : SqliteApiFactory
{
    public MetricsSqliteApiFactory() => Set("Cms:Metrics:Enabled", "true");
}

/// <summary>With Cms:Metrics:Enabled, /metrics serves Prometheus text with the HTTP histogram and our own metrics.</summary>
public sealed class MetricsTests(MetricsSqliteApiFactory factory) : ApiTest<MetricsSqliteApiFactory>(factory)
{
    [Fact]
    public async Task MetricsListTheHttpDurationHistogramAndEveryCmsMetricAfterAFewRequests()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.Id());
        var url = $"/api/v1/articles/{article.Text("slug")}";
        await (await Reader.GetAsync(url, Ct)).AssertJsonAsync();
        await (await Reader.GetAsync(url, Ct)).AssertJsonAsync(); // from the server cache

        var response = await Reader.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains("http_server_request_duration_seconds_bucket", text);
        Assert.Matches(@"headlesscms_output_cache_requests(_total)?\{[^}]*result=""hit""[^}]*\} [1-9]", text);
        Assert.Matches(@"headlesscms_output_cache_requests(_total)?\{[^}]*result=""miss""[^}]*\} [1-9]", text);
        Assert.Matches(@"headlesscms_summaries_generated(_total)?(\{[^}]*\})? [1-9]", text);
        Assert.Contains("headlesscms_database_retries", text);
        Assert.Contains("headlesscms_content_events_written", text);
        Assert.Contains("headlesscms_webhook_deliveries", text);
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
