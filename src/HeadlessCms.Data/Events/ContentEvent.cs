namespace HeadlessCms.Data.Events;

/// <summary>
/// One content change, written in the same transaction as the change itself (a transactional outbox): a rolled-back
/// change leaves no event, a committed one is never lost. Webhooks and the changes feed are read from here.
/// </summary>
public sealed class ContentEvent
{
    public Guid Id { get; set; }

    /// <summary>Database-generated, strictly increasing in commit order (gaps are possible, e.g. after a rollback).</summary>
    public long Sequence { get; set; }

    public required string Type { get; set; }
    public DateTime OccurredAt { get; set; }

    /// <summary>The API key that made the change; null for the scheduler.</summary>
    public int? ActorKeyId { get; set; }

    public string? ActorName { get; set; }

    /// <summary>The event's data object as JSON (id, slug, previousSlug, category, visible, url).</summary>
    public required string Data { get; set; }

    /// <summary>The change alters what the delivery API shows, so it belongs in the changes feed.</summary>
    public bool InFeed { get; set; }

    /// <summary>"article" or "category": what the feed item points at.</summary>
    public required string Subject { get; set; }

    public int SubjectId { get; set; }
    public required string SubjectSlug { get; set; }

    /// <summary>The delivery URL path when the subject is visible after the change, else null.</summary>
    public string? SubjectPath { get; set; }

    /// <summary>Set once the dispatcher has turned the event into webhook messages.</summary>
    public bool Dispatched { get; set; }
}
