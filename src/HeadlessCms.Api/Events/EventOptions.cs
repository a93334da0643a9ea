namespace HeadlessCms.Api.Events;

/// <summary>The "Cms:Events" section.</summary>
public sealed class EventOptions
{
    public const string Section = "Cms:Events";

    /// <summary>Events (and webhook delivery logs) older than this are pruned; a feed cursor older than it answers 410.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often scheduled articles whose time has come are looked for (article.published).</summary>
    public double SchedulerPollSeconds { get; set; } = 1;

    /// <summary>
    /// Run the webhook dispatcher, the scheduler and retention on this instance (default true). Off for an instance
    /// that should only serve requests; another instance must run them.
    /// </summary>
    public bool RunBackgroundJobs { get; set; } = true;

    /// <summary>Base of the delivery URLs in events the scheduler emits (no request to take it from); else a path.</summary>
    public string? PublicBaseUrl { get; set; }
}
