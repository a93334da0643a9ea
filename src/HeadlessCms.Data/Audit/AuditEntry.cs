using HeadlessCms.Data.Events;

namespace HeadlessCms.Data.Audit;

/// <summary>
/// Who did what, when: one row per change, written in the same save as the change. Holds names and ids only,
/// never a key value, hash or webhook secret.
/// </summary>
public sealed class AuditEntry
{
    public int Id { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>e.g. article.created, article.published, api_key.revoked (the content event names where one exists).</summary>
    public required string Type { get; set; }

    /// <summary>The API key that acted; null for the system (seeder, scheduler).</summary>
    public int? ActorKeyId { get; set; }

    public string? ActorName { get; set; }

    /// <summary>"article", "category", "api_key" or "webhook".</summary>
    public required string Subject { get; set; }

    public int SubjectId { get; set; }

    /// <summary>A readable label of the subject at the time (slug, key or webhook name).</summary>
    public string? SubjectLabel { get; set; }

    /// <summary>The article's version after the change, for article entries.</summary>
    public long? Version { get; set; }

    /// <summary>The audit entry of a content event: the same type, time, actor and subject (written in its transaction).</summary>
    public static AuditEntry Of(ContentEvent e, long? version) => new()
    {
        Type = e.Type,
        OccurredAt = e.OccurredAt,
        ActorKeyId = e.ActorKeyId,
        ActorName = e.ActorName,
        Subject = e.Subject,
        SubjectId = e.SubjectId,
        SubjectLabel = e.SubjectSlug,
        Version = version,
    };
}
