using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessCms.Data.Revisions;

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> revision)
    {
        revision.Property(r => r.Title).HasMaxLength(200);
        revision.Property(r => r.Slug).HasMaxLength(100);
        revision.Property(r => r.Author).HasMaxLength(100);
        revision.Property(r => r.FeaturedImageUrl).HasMaxLength(2048);
        revision.Property(r => r.EditorSummary).HasMaxLength(2000);
        revision.Property(r => r.CreatedByName).HasMaxLength(100);
        revision.Property(r => r.Status).HasConversion(v => v.ToString().ToLowerInvariant(),
            v => Enum.Parse<HeadlessCms.Data.Articles.ArticleStatus>(v, true)).HasMaxLength(16);
        // No foreign key to the category: a snapshot keeps the id it had even after the category goes.
        revision.HasOne(r => r.Article).WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        // The walk of one article's revisions. Not unique: two editors saving the same version at once must end in the
        // article's own concurrency check (412 for the loser, whose revision rolls back), not in a 409 from this index.
        revision.HasIndex(r => new { r.ArticleId, r.Version });
    }
}
