namespace HeadlessCms.Data.Webhooks;

/// <summary>One attempt to send a message: the delivery log. Keeps the body and the answer, never the signature.</summary>
public sealed class WebhookDelivery
{
    public int Id { get; set; }
    public int WebhookId { get; set; }
    public Guid MessageId { get; set; }
    public Guid EventId { get; set; }
    public required string EventType { get; set; }
    public int Attempt { get; set; }
    public DateTime AttemptedAt { get; set; }

    /// <summary>Null when there was no answer (timeout, refused connection, blocked address).</summary>
    public int? StatusCode { get; set; }

    public int DurationMs { get; set; }
    public string? Error { get; set; }
    public required string RequestBody { get; set; }
    public string? ResponseBody { get; set; }

    /// <summary>When the message will be tried again after this attempt; null after a success or the last try.</summary>
    public DateTime? NextAttemptAt { get; set; }
}
