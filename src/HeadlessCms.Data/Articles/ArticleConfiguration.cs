using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HeadlessCms.Data.Articles;

internal sealed class ArticleConfiguration(bool isPostgres) : IEntityTypeConfiguration<Article>
{
    /// <summary>The filter of the partial indexes the delivery API reads; the status is stored lower-case.</summary>
    /// <summary>The PostgreSQL sequence that articles' ids are drawn from, a block at a time.</summary>
    public const string IdSequence = "ArticleIds";

    public const string PublishedFilter = "\"Status\" = '" + ArticleStatusNames.Published + "'";

    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.Property(a => a.Title).HasMaxLength(200);
        article.Property(a => a.Slug).HasMaxLength(100);
        article.Property(a => a.Author).HasMaxLength(100);
        article.Property(a => a.FeaturedImageUrl).HasMaxLength(2048);
        article.Property(a => a.Status).HasConversion(LowerCaseEnum<ArticleStatus>()).HasMaxLength(16);
        article.Property(a => a.Version).IsConcurrencyToken();
        article.Ignore(a => a.IsSummaryStale);
        article.Property(a => a.CreatedByName).HasMaxLength(100);
        article.Property(a => a.UpdatedByName).HasMaxLength(100);
        article.Property(a => a.ReviewNote).HasMaxLength(1000);

        article.HasOne(a => a.Category).WithMany().HasForeignKey(a => a.CategoryId).OnDelete(DeleteBehavior.Restrict);
        article.HasMany(a => a.FormerSlugs).WithOne().HasForeignKey(f => f.ArticleId).OnDelete(DeleteBehavior.Cascade);

        article.OwnsOne(a => a.Summary, summary =>
        {
            summary.Property(s => s.Text).HasColumnName("SummaryText").HasMaxLength(2000);
            summary.Property(s => s.Source).HasColumnName("SummarySource").HasConversion(LowerCaseEnum<SummarySource>()).HasMaxLength(16);
            summary.Property(s => s.Generator).HasColumnName("SummaryGenerator").HasMaxLength(64);
            summary.Property(s => s.BodyVersion).HasColumnName("SummaryBodyVersion");
            summary.Property(s => s.UpdatedAt).HasColumnName("SummaryUpdatedAt");
        });
        article.Navigation(a => a.Summary).IsRequired(false);

        article.HasIndex(a => a.Slug).IsUnique();
        // Delivery reads only published rows, newest first, optionally within categories: partial indexes keep
        // those walks short and make any page (by keyset) cost the same as the first.
        article.HasIndex(a => new { a.PublishedAt, a.Id }, "IX_Articles_Visible").HasFilter(PublishedFilter);
        article.HasIndex(a => new { a.CategoryId, a.PublishedAt, a.Id }, "IX_Articles_VisibleByCategory").HasFilter(PublishedFilter);
        // Management lists: every status, newest edit first, by title, or one status at a time.
        article.HasIndex(a => new { a.UpdatedAt, a.Id });
        article.HasIndex(a => new { a.Status, a.UpdatedAt, a.Id });
        article.HasIndex(a => new { a.Title, a.Id });
        article.HasIndex(a => new { a.CategoryId, a.UpdatedAt, a.Id });
        // The editors' review queue.
        article.HasIndex(a => new { a.ReadyForReview, a.UpdatedAt, a.Id });
        // Published articles still waiting for a summary: normally none, so the start-up backfill's check is free.
        article.HasIndex(a => a.Id, "IX_Articles_PublishedWithoutSummary")
            // The same shape as EF's translation of "Summary == null", so PostgreSQL can prove the index applies.
            .HasFilter(PublishedFilter + " AND (\"SummaryBodyVersion\" IS NULL OR \"SummarySource\" IS NULL OR \"SummaryText\" IS NULL OR \"SummaryUpdatedAt\" IS NULL)");

        // Scheduled articles whose article.published is still owed: normally a handful, so the scheduler's poll is free.
        article.HasIndex(a => a.PublishedAt, "IX_Articles_PublishNotAnnounced").HasFilter("\"PublishAnnounced\" = FALSE");
        // Rows without stored HTML: normally none, so the start-up render backfill's check is free.
        article.HasIndex(a => a.Id, "IX_Articles_WithoutBodyHtml").HasFilter("\"BodyHtml\" IS NULL");

        if (isPostgres)
        {
            // Ids drawn in blocks from a sequence (HiLo), so a new article's id is known before its insert: the
            // article, its first revision, its content event and audit entry are then written in one batch. The
            // migration also makes the sequence the column's default, for rows inserted by hand (each takes a block).
            article.Property(a => a.Id).UseHiLo(IdSequence);
            // Byte order, as on SQLite, so both providers sort titles alike and cursors stay valid.
            article.Property(a => a.Title).UseCollation("C");
            // Slugs are ASCII; byte order also lets the unique index serve the "slug-%" look-up for a free slug.
            article.Property(a => a.Slug).UseCollation("C");
            article.Property<NpgsqlTypes.NpgsqlTsVector>(CmsDbContext.SearchVector)
                .HasComputedColumnSql(
                    "setweight(to_tsvector('english'::regconfig, coalesce(\"Title\", '')), 'A') || " +
                    "setweight(to_tsvector('english'::regconfig, coalesce(\"SummaryText\", '')), 'B') || " +
                    "setweight(to_tsvector('english'::regconfig, coalesce(\"Body\", '')), 'C')",
                    stored: true)
                // Only queries read it: never sent, and not read back after each insert and update either (as a
                // computed column would be), which shipped and parsed the whole vector on every write.
                .ValueGeneratedNever()
                .Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
            article.Property<NpgsqlTypes.NpgsqlTsVector>(CmsDbContext.SearchVector).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
            article.HasIndex(CmsDbContext.SearchVector).HasMethod("GIN");
        }
    }

    private static ValueConverter<TEnum, string> LowerCaseEnum<TEnum>() where TEnum : struct, Enum =>
        new(v => v.ToString().ToLowerInvariant(), v => Enum.Parse<TEnum>(v, true));
}
