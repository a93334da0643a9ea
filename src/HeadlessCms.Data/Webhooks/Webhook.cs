namespace HeadlessCms.Data.Webhooks;

/// <summary>A receiver that is sent content events, signed per the Standard Webhooks specification.</summary>
public sealed class Webhook
{
    public int Id { get; set; }
    public required string Url { get; set; }

    /// <summary>Event types it wants, comma-separated; empty means every type.</summary>
    public string Events { get; set; } = string.Empty;

    public string? Description { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>Why it was disabled automatically (shown in its GET); null when enabled or disabled by hand.</summary>
    public string? DisabledReason { get; set; }

    /// <summary>whsec_ + base64 of 32 random bytes; needed in clear to sign, so it is never logged or returned again.</summary>
    public required string Secret { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The first failed attempt since the last success; a webhook failing for 24 h from then on is disabled.</summary>
    public DateTime? FailingSince { get; set; }

    public bool Wants(string type) => Events.Length == 0 || Events.Split(',').Contains(type, StringComparer.Ordinal);
}
