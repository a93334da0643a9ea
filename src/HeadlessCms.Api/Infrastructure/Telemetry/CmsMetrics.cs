using System.Diagnostics.Metrics;

namespace HeadlessCms.Api.Infrastructure.Telemetry;

/// <summary>
/// The Meter "HeadlessCms": what the standard HTTP, HttpClient and Npgsql metrics cannot tell. One instance per host
/// (made by the host's IMeterFactory), so two apps in one process (tests) never mix their counts. Counters start at
/// zero for every outcome, as Prometheus advises, so a rate over "no failures yet" is 0 rather than missing.
/// </summary>
public sealed class CmsMetrics
{
    public const string MeterName = "HeadlessCms";

    private readonly Counter<long> outputCache;
    private readonly Counter<long> contentEvents;
    private readonly Counter<long> webhookDeliveries;
    private readonly Counter<long> summariesGenerated;
    private readonly Counter<long> databaseRetries;
    private Func<TimeSpan?> oldestUndelivered = () => null;

    public CmsMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        outputCache = meter.CreateCounter<long>("headlesscms.output_cache.requests", "{request}",
            "Delivery reads that could be cached, by result: hit (answered from the server cache) or miss.");
        contentEvents = meter.CreateCounter<long>("headlesscms.content_events.written", "{event}",
            "Content events written to the outbox, by event type.");
        webhookDeliveries = meter.CreateCounter<long>("headlesscms.webhook.deliveries", "{delivery}",
            "Webhook delivery attempts, by outcome (delivered, failed, gave_up).");
        summariesGenerated = meter.CreateCounter<long>("headlesscms.summaries.generated", "{summary}",
            "Summaries made by the summarizer (on publish, body edits and the backfill).");
        databaseRetries = meter.CreateCounter<long>("headlesscms.database.retries", "{retry}",
            "Reads retried after a dropped database connection.");
        meter.CreateObservableGauge<double>("headlesscms.outbox.lag", ObserveLag, "s", "Age of the oldest content event not yet delivered to every webhook (0 when the outbox is empty).");

        outputCache.Add(0, new KeyValuePair<string, object?>("result", "hit"));
        outputCache.Add(0, new KeyValuePair<string, object?>("result", "miss"));
        foreach (var outcome in new[] { "delivered", "failed", "gave_up" })
        {
            webhookDeliveries.Add(0, new KeyValuePair<string, object?>("outcome", outcome));
        }

        contentEvents.Add(0);
        summariesGenerated.Add(0);
        databaseRetries.Add(0);
    }

    private IEnumerable<Measurement<double>> ObserveLag() =>
        oldestUndelivered() is { } age ? [new Measurement<double>(age.TotalSeconds)] : [];

    public void OutputCacheHit() => outputCache.Add(1, new KeyValuePair<string, object?>("result", "hit"));

    public void OutputCacheMiss() => outputCache.Add(1, new KeyValuePair<string, object?>("result", "miss"));

    public void ContentEventWritten(string type) => contentEvents.Add(1, new KeyValuePair<string, object?>("type", type));

    public void WebhookDelivery(string outcome) => webhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SummaryGenerated() => summariesGenerated.Add(1);

    public void DatabaseRetry() => databaseRetries.Add(1);

    /// <summary>Where the outbox lag comes from (the outbox dispatcher gives it: the age of its oldest undelivered event).</summary>
    public void ObserveOutboxLag(Func<TimeSpan?> source) => oldestUndelivered = source;
}
