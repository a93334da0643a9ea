using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Events;

/// <summary>
/// Emits article.published when a scheduled article's time comes: once, on one instance. Each article's flag is
/// claimed with a conditional UPDATE in the same transaction as the event, so of several instances (or two loops)
/// exactly one sees "1 row updated" and writes the event; the others see 0 and move on.
/// </summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider time, IOptions<EventOptions> options, ILogger<ScheduledPublisher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!BackgroundWork.ShouldRun(options.Value))
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.SchedulerPollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await AnnounceDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Looking for scheduled articles failed; trying again shortly.");
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task<int> AnnounceDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var now = Infrastructure.Clock.UtcNow(time);
        var due = await db.Articles
            .Where(a => !a.PublishAnnounced && a.Status == ArticleStatus.Published && a.PublishedAt <= now)
            .OrderBy(a => a.PublishedAt).Take(100)
            .Select(a => new { a.Id, a.Slug, Category = a.Category!.Slug })
            .ToListAsync(cancellationToken);
        var announced = 0;
        foreach (var article in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.Articles
                .Where(a => a.Id == article.Id && !a.PublishAnnounced && a.Status == ArticleStatus.Published && a.PublishedAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.PublishAnnounced, true), cancellationToken);
            if (claimed == 1)
            {
                ContentEvents.ScheduledPublication(db, article.Id, article.Slug, article.Category, now, options.Value.PublicBaseUrl);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                CmsDbContext.NotifyContentCommitted();
                announced++;
            }

            db.ChangeTracker.Clear();
        }

        return announced;
    }
}
