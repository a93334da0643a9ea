using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessCms.Data.Events;

internal sealed class ContentEventConfiguration : IEntityTypeConfiguration<ContentEvent>
{
    public void Configure(EntityTypeBuilder<ContentEvent> e)
    {
        // The sequence is the key: identity on PostgreSQL, AUTOINCREMENT on SQLite (which generates values only for
        // its INTEGER PRIMARY KEY). Allocated at insert; CmsDbContext.SaveChangesAsync keeps commit order in step.
        e.HasKey(x => x.Sequence);
        e.Property(x => x.Sequence).ValueGeneratedOnAdd();
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => x.Id).IsUnique();
        e.Property(x => x.Type).HasMaxLength(40);
        e.Property(x => x.ActorName).HasMaxLength(100);
        e.Property(x => x.Subject).HasMaxLength(16);
        e.Property(x => x.SubjectSlug).HasMaxLength(100);
        e.Property(x => x.SubjectPath).HasMaxLength(200);
        e.HasIndex(x => x.Sequence, "IX_ContentEvents_Undispatched").HasFilter("\"Dispatched\" = FALSE");
        e.HasIndex(x => x.OccurredAt);
    }
}
