namespace HeadlessCms.Data.Webhooks;

public enum WebhookMessageState
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>One event to send to one webhook: retried until a 2xx or the schedule ends; its id is webhook-id.</summary>
public sealed class WebhookMessage
{
    public Guid Id { get; set; }
    public int WebhookId { get; set; }
    public Guid EventId { get; set; }
    public required string EventType { get; set; }

    /// <summary>The exact JSON body that is signed and sent on every attempt.</summary>
    public required string Body { get; set; }

    public WebhookMessageState State { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When the next attempt is due; while an instance sends, a lease so no other instance sends it too.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Which claim owns the message (see the dispatcher).</summary>
    public Guid? ClaimToken { get; set; }
}
