using HeadlessCms.Data;
using HeadlessCms.Data.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Events;

/// <summary>Prunes events, finished webhook messages and delivery logs past the retention, at start and hourly.</summary>
public sealed class EventRetention(IServiceScopeFactory scopes, TimeProvider time, IOptions<EventOptions> options, ILogger<EventRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!BackgroundWork.ShouldRun(options.Value))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Pruning old events failed; trying again in an hour.");
            }

            try
            {
                await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var cutoff = Infrastructure.Clock.UtcNow(time).AddDays(-options.Value.RetentionDays);
        // Undispatched events are kept whatever their age: webhooks still owe them.
        var events = await db.ContentEvents.Where(e => e.OccurredAt < cutoff && e.Dispatched).ExecuteDeleteAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.AttemptedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.WebhookMessages.Where(m => m.CreatedAt < cutoff && m.State != WebhookMessageState.Pending).ExecuteDeleteAsync(cancellationToken);
        if (events > 0)
        {
            logger.LogInformation("Pruned {Count} content events older than {Days} days.", events, options.Value.RetentionDays);
        }

        return events;
    }
}
