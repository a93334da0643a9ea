using HeadlessCms.Data.ApiKeys;
using HeadlessCms.Data.Articles;
using HeadlessCms.Data.Audit;
using HeadlessCms.Data.Categories;
using HeadlessCms.Data.Events;
using HeadlessCms.Data.Webhooks;
using HeadlessCms.Data.Revisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HeadlessCms.Data;

public sealed partial class CmsDbContext(DbContextOptions<CmsDbContext> options) : DbContext(options)
{
    /// <summary>PostgreSQL-only shadow column: a stored tsvector over title, summary and body.</summary>
    public const string SearchVector = "SearchVector";

    public DbSet<Article> Articles => Set<Article>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<FormerSlug> FormerSlugs => Set<FormerSlug>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ContentEvent> ContentEvents => Set<ContentEvent>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<WebhookMessage> WebhookMessages => Set<WebhookMessage>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public bool IsPostgres => Database.IsNpgsql();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type: ticks order and compare exactly, and read back as UTC.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcTicksConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new ArticleConfiguration(IsPostgres));
        modelBuilder.ApplyConfiguration(new FormerSlugConfiguration());
        modelBuilder.ApplyConfiguration(new CategoryConfiguration());
        modelBuilder.ApplyConfiguration(new ApiKeyConfiguration());
        modelBuilder.ApplyConfiguration(new ContentEventConfiguration(IsPostgres));
        modelBuilder.ApplyConfiguration(new WebhookConfiguration());
        modelBuilder.ApplyConfiguration(new WebhookMessageConfiguration());
        modelBuilder.ApplyConfiguration(new WebhookDeliveryConfiguration());
        modelBuilder.Entity<Article>().Ignore(a => a.PendingEvents);
        modelBuilder.Entity<Category>().Ignore(c => c.PendingEvents);
        modelBuilder.ApplyConfiguration(new ArticleRevisionConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        if (IsPostgres)
        {
            modelBuilder.HasSequence<long>(ContentEventConfiguration.SequenceName);
            modelBuilder.HasSequence<long>(ContentEventConfiguration.DraftSequenceName);
            modelBuilder.Entity<Category>().Property(c => c.Name).UseCollation("C");
            modelBuilder.Entity<Category>().Property(c => c.Slug).UseCollation("C");
        }
    }

    // Internal, not private: the SQLite compiled model (migrations/HeadlessCms.Migrations.Sqlite/CompiledModel) creates it.
    internal sealed class UtcTicksConverter() : ValueConverter<DateTime, long>(
        v => v.ToUniversalTime().Ticks,
        v => new DateTime(v, DateTimeKind.Utc));
}
