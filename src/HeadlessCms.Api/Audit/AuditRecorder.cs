using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Data.ApiKeys;
using HeadlessCms.Data.Articles;
using HeadlessCms.Data.Audit;
using HeadlessCms.Data.Categories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HeadlessCms.Api.Audit;

/// <summary>
/// Turns the changes of one save into audit entries (called by the RevisionRecorder, inside the save). Only names and
/// ids are copied: an API key's hash or prefix never reaches the log.
/// </summary>
internal sealed class AuditRecorder(DbContext context, Actor? actor, DateTime now)
{
    public void Article(string type, Article article) => Add(type, "article", article.Id, article.Slug, article.Version, article);

    public void Other(EntityEntry entry)
    {
        switch (entry.Entity, entry.State)
        {
            case (Category c, EntityState.Added):
                Add("category.created", "category", c.Id, c.Slug, null, c);
                break;
            case (Category c, EntityState.Modified):
                Add("category.updated", "category", c.Id, c.Slug, null, c);
                break;
            case (Category c, EntityState.Deleted):
                Add("category.deleted", "category", c.Id, c.Slug, null, c);
                break;
            case (ApiKey k, EntityState.Added):
                Add("api_key.created", "api_key", k.Id, k.Name, null, k);
                break;
            case (ApiKey k, EntityState.Modified) when entry.Property(nameof(ApiKey.RevokedAt)).IsModified && k.RevokedAt is not null:
                Add("api_key.revoked", "api_key", k.Id, k.Name, null, k);
                break;
        }
    }

    /// <summary>Entries about entities added in this save: their ids exist only once the save has written them.</summary>
    public List<(AuditEntry Entry, object Subject)> AwaitingIds { get; } = [];

    // subject: an entity added in this save gets its id only when it is written (see AwaitingIds).
    private void Add(string type, string subjectKind, int id, string label, long? version, object subject)
    {
        var entry = new AuditEntry
        {
            Type = type,
            OccurredAt = now,
            ActorKeyId = actor?.KeyId,
            ActorName = actor?.Name,
            Subject = subjectKind,
            SubjectId = id,
            SubjectLabel = label,
            Version = version,
        };
        if (id <= 0)
        {
            AwaitingIds.Add((entry, subject));
        }

        context.Add(entry);
    }
}
