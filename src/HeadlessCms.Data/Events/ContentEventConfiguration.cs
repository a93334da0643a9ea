using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessCms.Data.Events;

internal sealed class ContentEventConfiguration(bool isPostgres) : IEntityTypeConfiguration<ContentEvent>
{
    /// <summary>PostgreSQL: where an event's place in the sequence comes from, drawn only as its transaction commits.</summary>
    public const string SequenceName = "ContentEventSequence";

    /// <summary>PostgreSQL: the placeholder an event row carries (negative, so never a cursor) until its commit.</summary>
    public const string DraftSequenceName = "ContentEventDrafts";

    public void Configure(EntityTypeBuilder<ContentEvent> e)
    {
        // The sequence is the key. On SQLite, AUTOINCREMENT (SQLite generates values only for its INTEGER PRIMARY
        // KEY): its single writer commits in the order it inserts. On PostgreSQL, transactions commit in any order, so
        // a row is inserted with a placeholder and a deferred trigger gives it its sequence while its transaction
        // commits, under a lock held to the end of that commit (migration ContentEventSequenceAtCommit): sequences
        // then become visible in order, with no lock held while the change itself is written.
        e.HasKey(x => x.Sequence);
        if (isPostgres)
        {
            e.Property(x => x.Sequence).HasDefaultValueSql($"-nextval('\"{DraftSequenceName}\"')");
        }
        else
        {
            e.Property(x => x.Sequence).ValueGeneratedOnAdd();
        }

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
