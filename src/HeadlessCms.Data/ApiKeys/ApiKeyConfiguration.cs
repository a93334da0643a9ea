using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessCms.Data.ApiKeys;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> apiKey)
    {
        apiKey.Property(k => k.Name).HasMaxLength(100);
        apiKey.Property(k => k.Role).HasMaxLength(16);
        apiKey.Property(k => k.KeyHash).HasMaxLength(32);
        apiKey.Property(k => k.Prefix).HasMaxLength(16);
        apiKey.HasIndex(k => k.KeyHash).IsUnique();
        apiKey.HasIndex(k => new { k.CreatedAt, k.Id });
    }
}
