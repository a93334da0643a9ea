using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Data.ApiKeys;
using HeadlessCms.Data.Audit;
using HeadlessCms.Data.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HeadlessCms.Api.Audit;

/// <summary>
/// The audit entries that are not content events (those are written with the events, see CmsDbContext): API-key
/// creation and revocation and webhook changes, made by the RevisionRecorder inside the save. Only names, ids and
/// a receiver's origin and path are copied: a key's value, hash or prefix, a webhook's secret and a URL's query never reach the log.
/// </summary>
internal sealed class AuditRecorder(DbContext context, Actor? actor, DateTime now)
{
    private static readonly string[] WebhookSettings =
        [nameof(Webhook.Url), nameof(Webhook.Events), nameof(Webhook.Description), nameof(Webhook.Enabled)];

    public void Other(EntityEntry entry)
    {
        switch (entry.Entity, entry.State)
        {
            case (ApiKey k, EntityState.Added):
                Add("api_key.created", "api_key", k.Id, k.Name, k);
                break;
            case (ApiKey k, EntityState.Modified) when entry.Property(nameof(ApiKey.RevokedAt)).IsModified && k.RevokedAt is not null:
                Add("api_key.revoked", "api_key", k.Id, k.Name, k);
                break;
            case (Webhook w, EntityState.Added):
                Add("webhook.created", "webhook", w.Id, Label(w), w);
                break;
            case (Webhook w, EntityState.Deleted):
                Add("webhook.deleted", "webhook", w.Id, Label(w), w);
                break;
            case (Webhook w, EntityState.Modified) when entry.Property(nameof(Webhook.Secret)).IsModified:
                Add("webhook.secret_rotated", "webhook", w.Id, Label(w), w);
                break;
            case (Webhook w, EntityState.Modified) when actor is null && entry.Property(nameof(Webhook.Enabled)).IsModified && !w.Enabled:
                // The dispatcher gave up on a receiver failing for 24 h: the system changed it.
                Add("webhook.disabled", "webhook", w.Id, Label(w), w);
                break;
            case (Webhook w, EntityState.Modified) when actor is not null && WebhookSettings.Any(p => entry.Property(p).IsModified):
                Add("webhook.updated", "webhook", w.Id, Label(w), w);
                break;
        }
    }

    /// <summary>The receiver's origin and path: a URL's user info and query can carry a token, so they are left out.</summary>
    private static string Label(Webhook w) => Uri.TryCreate(w.Url, UriKind.Absolute, out var uri)
        ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
        : "webhook " + w.Id;

    /// <summary>Entries about entities added in this save: their ids exist only once the save has written them.</summary>
    public List<(AuditEntry Entry, object Subject)> AwaitingIds { get; } = [];

    // subject: an entity added in this save gets its id only when it is written (see AwaitingIds).
    private void Add(string type, string subjectKind, int id, string label, object subject)
    {
        var entry = new AuditEntry
        {
            Type = type,
            OccurredAt = now,
            ActorKeyId = actor?.KeyId,
            ActorName = actor?.Name,
            Subject = subjectKind,
            SubjectId = id,
            SubjectLabel = label.Length > 200 ? label[..200] : label,
        };
        if (id <= 0)
        {
            AwaitingIds.Add((entry, subject));
        }

        context.Add(entry);
    }
}
