using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessCms.Data.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.Type).HasMaxLength(40);
        entry.Property(e => e.ActorName).HasMaxLength(100);
        entry.Property(e => e.Subject).HasMaxLength(16);
        entry.Property(e => e.SubjectLabel).HasMaxLength(200);
        // Newest first, whole log or one subject's.
        entry.HasIndex(e => new { e.OccurredAt, e.Id });
        entry.HasIndex(e => new { e.Subject, e.SubjectId, e.OccurredAt });
    }
}
