using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HeadlessCms.Data.Webhooks;

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> webhook)
    {
        webhook.Property(w => w.Url).HasMaxLength(2048);
        webhook.Property(w => w.Events).HasMaxLength(1000);
        webhook.Property(w => w.Description).HasMaxLength(500);
        webhook.Property(w => w.DisabledReason).HasMaxLength(500);
        webhook.Property(w => w.Secret).HasMaxLength(100);
        webhook.HasIndex(w => new { w.CreatedAt, w.Id });
    }
}

internal sealed class WebhookMessageConfiguration : IEntityTypeConfiguration<WebhookMessage>
{
    public void Configure(EntityTypeBuilder<WebhookMessage> message)
    {
        message.Property(m => m.Id).ValueGeneratedNever();
        message.Property(m => m.EventType).HasMaxLength(40);
        message.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        message.HasOne<Webhook>().WithMany().HasForeignKey(m => m.WebhookId).OnDelete(DeleteBehavior.Cascade);
        // The dispatcher's claim: pending messages that are due, oldest first.
        message.HasIndex(m => new { m.State, m.NextAttemptAt });
        message.HasIndex(m => m.ClaimToken);
        message.HasIndex(m => m.CreatedAt);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.Property(d => d.EventType).HasMaxLength(40);
        delivery.Property(d => d.Error).HasMaxLength(1000);
        delivery.Property(d => d.ResponseBody).HasMaxLength(4000);
        delivery.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        delivery.HasIndex(d => new { d.WebhookId, d.AttemptedAt, d.Id });
        delivery.HasIndex(d => d.AttemptedAt);
    }
}
