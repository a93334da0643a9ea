using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessCms.Data.Articles;

internal sealed class FormerSlugConfiguration : IEntityTypeConfiguration<FormerSlug>
{
    public void Configure(EntityTypeBuilder<FormerSlug> formerSlug)
    {
        formerSlug.Property(f => f.Slug).HasMaxLength(100);
        formerSlug.HasIndex(f => f.Slug).IsUnique();
    }
}
