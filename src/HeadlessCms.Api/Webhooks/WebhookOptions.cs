namespace HeadlessCms.Api.Webhooks;

/// <summary>The "Cms:Webhooks" section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Cms:Webhooks";

    /// <summary>Seconds to wait for a receiver's answer before the attempt counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Lifts the https-only and public-address-only rules (local development and tests).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// Delays before each retry; after the last one it repeats until <see cref="RetryForHours"/> have passed. Null means
    /// the default below (configuration binding appends to a pre-filled array, so the default lives apart).
    /// </summary>
    public TimeSpan[]? RetrySchedule { get; set; }

    public IReadOnlyList<TimeSpan> Schedule => RetrySchedule is { Length: > 0 } configured ? configured : DefaultSchedule;

    private static readonly TimeSpan[] DefaultSchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10),
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(3),
    ];

    /// <summary>How long one message is retried before it is marked failed; also how long a webhook may fail before it is disabled.</summary>
    public double RetryForHours { get; set; } = 24;

    /// <summary>Fallback poll of the outbox; a commit in this process wakes the dispatcher at once.</summary>
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>How long the dispatcher waits after a commit wakes it, so that one round handles a busy moment's commits together.</summary>
    public int BatchDelayMilliseconds { get; set; } = 20;
}
