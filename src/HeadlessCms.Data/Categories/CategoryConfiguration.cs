using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessCms.Data.Categories;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> category)
    {
        category.Property(c => c.Name).HasMaxLength(100);
        category.Property(c => c.Slug).HasMaxLength(100);
        category.Property(c => c.Description).HasMaxLength(500);
        category.Property(c => c.Version).IsConcurrencyToken();
        category.HasIndex(c => c.Slug).IsUnique();
        category.HasIndex(c => new { c.Name, c.Id });
        category.HasIndex(c => new { c.CreatedAt, c.Id });
        category.HasOne(c => c.Parent).WithMany(c => c.Children).HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
