namespace HeadlessCms.Api.Infrastructure;

/// <summary>The "Cms" configuration section; every value can also be set as an environment variable (Cms__...).</summary>
public sealed class CmsOptions
{
    public const string Section = "Cms";

    public bool SeedDemoContent { get; set; } = true;
    public string? BootstrapAdminKey { get; set; }

    /// <summary>Public, so accepted in Development only (see <see cref="CmsOptionsValidator"/>).</summary>
    public const string BuiltInCursorSigningKey = "headlesscms-default-cursor-key";

    /// <summary>Signs paging cursors; set the same value on every instance behind a load balancer.</summary>
    public string CursorSigningKey { get; set; } = BuiltInCursorSigningKey;

    public CorsOptions Cors { get; set; } = new();
    public ToggleOptions SwaggerUi { get; set; } = new() { Enabled = true };
    public DemoOptions Demo { get; set; } = new();
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    /// <summary>Absolute URL (scheme, host, optional path base) that links and Location headers use instead of the request's host.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long one request may run before it is cut off with a 503.</summary>
    public int RequestTimeoutSeconds { get; set; } = 10;
    public CachingOptions Caching { get; set; } = new();
    public RateLimitOptions RateLimit { get; set; } = new();
    public SummaryOptions Summaries { get; set; } = new();
    public RevisionOptions Revisions { get; set; } = new();
    public PreviewOptions Preview { get; set; } = new();
    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>Cms:Metrics: the Prometheus scrape endpoint /metrics, off by default and without an API key.</summary>
    public sealed class MetricsOptions
    {
        public bool Enabled { get; set; }

        /// <summary>When set, /metrics answers only on this extra port (keep it off the public network).</summary>
        public int? Port { get; set; }
    }

    public sealed class CorsOptions
    {
        public string[] AllowedOrigins { get; set; } = [];
    }

    public sealed class ToggleOptions
    {
        public bool? Enabled { get; set; }
    }

    public sealed class DemoOptions
    {
        public bool? Enabled { get; set; }

        /// <summary>Hosts (https://images.example.com) the demo page may load featured images from, besides its own origin.</summary>
        public string[] ImageSources { get; set; } = [];
    }

    public sealed class ForwardedHeadersSettings
    {
        public bool? Enabled { get; set; }

        /// <summary>Proxy addresses whose X-Forwarded-* headers are believed; none configured means loopback only.</summary>
        public string[] KnownProxies { get; set; } = [];

        /// <summary>Proxy networks in CIDR form (10.0.0.0/8); a configured list replaces the loopback default too.</summary>
        public string[] KnownNetworks { get; set; } = [];
    }

    public sealed class CachingOptions
    {
        public int MaxAgeSeconds { get; set; } = 30;
        public int StaleWhileRevalidateSeconds { get; set; } = 60;
        public bool OutputCacheEnabled { get; set; } = true;
        public int OutputCacheSeconds { get; set; } = 30;
    }

    public sealed class RateLimitOptions
    {
        public bool Enabled { get; set; } = true;
        public int PermitsPerKeyPerMinute { get; set; } = 600;
        public int PermitsPerAddressPerMinute { get; set; } = 1200;

        /// <summary>Requests with an unknown or revoked key one address may send per minute before it gets 429s.</summary>
        public int FailedAuthPerAddressPerMinute { get; set; } = 30;
    }

    public sealed class RevisionOptions
    {
        /// <summary>Revisions kept per article (oldest pruned); null keeps them all.</summary>
        public int? MaxPerArticle { get; set; }
    }

    public sealed class PreviewOptions
    {
        /// <summary>Lifetime of a preview link when the request names none.</summary>
        public int DefaultMinutes { get; set; } = 60;
    }

    public sealed class SummaryOptions
    {
        public int MaxSentences { get; set; } = 3;
        public int MaxWords { get; set; } = 60;
    }
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public HeadlessCms.Data.DatabaseProvider Provider { get; set; } = HeadlessCms.Data.DatabaseProvider.Sqlite;
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>How long a query may take before the request answers 503 instead of hanging.</summary>
    public int CommandTimeoutSeconds { get; set; } = 10;
}
