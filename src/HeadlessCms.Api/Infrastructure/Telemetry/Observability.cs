using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HeadlessCms.Api.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry traces and metrics of ASP.NET Core, HttpClient (webhooks) and Npgsql, plus <see cref="CmsMetrics"/>.
/// Exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OTEL_* variables apply), and scraped by
/// Prometheus at /metrics when Cms:Metrics:Enabled is true: on the API's own port, or only on Cms:Metrics:Port when
/// that is set (a port to keep off the public network). JSON console logs carry the trace and span ids.
/// </summary>
public static class Observability
{
    public const string MetricsPath = "/metrics";

    public static void AddCmsTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var metrics = configuration.GetSection("Cms:Metrics").Get<CmsOptions.MetricsOptions>() ?? new();
        builder.Services.AddSingleton<CmsMetrics>();

        // Spans and measurements cost CPU on every request and every query: they are only recorded when something takes
        // them (an OTLP endpoint, the Prometheus endpoint). Log lines carry the trace id either way: ASP.NET Core starts
        // each request's activity for logging scopes without any listener.
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (otlp || metrics.Enabled)
        {
            var telemetry = builder.Services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
                .WithMetrics(meters =>
                {
                    meters.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter("Npgsql").AddMeter(CmsMetrics.MeterName);
                    if (metrics.Enabled)
                    {
                        meters.AddPrometheusExporter();
                    }
                });
            if (otlp)
            {
                telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql()).UseOtlpExporter();
            }
        }

        if (metrics.Enabled && metrics.Port is { } port)
        {
            // Adds the metrics port to the addresses the API already listens on (ASPNETCORE_URLS / --urls / HTTP_PORTS).
            var urls = configuration[WebHostDefaults.ServerUrlsKey];
            if (string.IsNullOrWhiteSpace(urls))
            {
                urls = configuration["HTTP_PORTS"] is { Length: > 0 } ports
                    ? string.Join(';', ports.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => $"http://+:{p}"))
                    : "http://localhost:5000";
            }

            builder.WebHost.UseUrls($"{urls};http://+:{port}");
        }

        // Every log line written inside a request carries its trace: the JSON formatter writes scopes when asked to.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
    }

    public static void MapCmsMetrics(this WebApplication app)
    {
        var metrics = app.Configuration.GetSection("Cms:Metrics").Get<CmsOptions.MetricsOptions>() ?? new();
        // The meter provider first (it is otherwise built when the host starts), then the metrics: their zero series
        // are recorded while it listens, so they exist from the first scrape on.
        app.Services.GetService<MeterProvider>();
        app.Services.GetRequiredService<CmsMetrics>();
        if (!metrics.Enabled)
        {
            return;
        }

        // No API key (the fallback policy would ask for one): keep it private with Cms:Metrics:Port instead.
        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous().ExcludeFromDescription();
        if (metrics.Port is { } port)
        {
            endpoint.RequireHost($"*:{port}");
        }
    }
}
