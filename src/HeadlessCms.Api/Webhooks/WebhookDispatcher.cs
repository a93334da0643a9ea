using HeadlessCms.Api.Events;
using HeadlessCms.Api.Infrastructure.Telemetry;
using HeadlessCms.Data;
using HeadlessCms.Data.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Webhooks;

/// <summary>
/// Reads the outbox after commit and delivers it: turns new events into one message per interested webhook, then
/// claims due messages (so no two instances send the same one at once), sends them and records each attempt.
/// Work is in the database, so a restart loses nothing.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookHttp http, TimeProvider time, IOptions<WebhookOptions> options, IOptions<EventOptions> events,
    CmsMetrics metrics, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>The oldest undelivered work as last measured (null until the first round); read by the outbox lag gauge.</summary>
    private LagSample? lag;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        CmsDbContext.ContentCommitted += Wake;
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        CmsDbContext.ContentCommitted -= Wake;
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        CmsDbContext.ContentCommitted -= Wake;
        wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!BackgroundWork.ShouldRun(events.Value))
        {
            return;
        }

        await Task.Yield();
        // The gauge ages the last value seen, so a dispatcher that stops making progress shows a growing lag.
        metrics.ObserveOutboxLag(() => Volatile.Read(ref lag) is not { } sample
            ? null
            : sample.Oldest is { } oldest ? Max(Infrastructure.Clock.UtcNow(time) - oldest, TimeSpan.Zero) : TimeSpan.Zero);
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Webhook dispatch failed; trying again shortly.");
            }

            if (!more)
            {
                try
                {
                    // Woken by a commit: wait a moment so that one round takes the commits of a busy moment together
                    // (a round per commit would cost every write several more round trips to the database).
                    if (await wake.WaitAsync(TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds), stoppingToken))
                    {
                        await Task.Delay(options.Value.BatchDelayMilliseconds, stoppingToken);
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One round; true when a batch was full (so the next round starts at once).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var fannedOut = await WebhookOutbox.FanOutAsync(db, time, cancellationToken);
        // Only messages of enabled webhooks are claimed, and the fan-out has just seen none: nothing to claim. (A
        // round that fans out nothing always claims, so retries still come due on the poll.)
        var claimed = fannedOut.NoWebhookEnabled
            ? []
            : await WebhookOutbox.ClaimAsync(db, time, TimeSpan.FromSeconds(options.Value.TimeoutSeconds + 30), cancellationToken);
        var more = fannedOut.Events == WebhookOutbox.BatchSize || claimed.Count == WebhookOutbox.ClaimSize;
        await MeasureLagAsync(db, cancellationToken);
        if (claimed.Count == 0)
        {
            return more;
        }

        var results = await Task.WhenAll(claimed.Select(c => http.SendAsync(c.Webhook.Url, c.Webhook.Secret, WebhookSignature.MessageId(c.Message.Id), c.Message.Body, cancellationToken)));
        var now = Infrastructure.Clock.UtcNow(time);
        for (var i = 0; i < claimed.Count; i++)
        {
            Record(db, claimed[i].Webhook, claimed[i].Message, results[i], now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return more;
    }

    private void Record(CmsDbContext db, Webhook webhook, WebhookMessage message, AttemptResult result, DateTime now)
    {
        var settings = options.Value;
        message.Attempts++;
        message.ClaimToken = null;
        DateTime? next = null;
        if (result.Succeeded)
        {
            message.State = WebhookMessageState.Succeeded;
            webhook.FailingSince = null;
            metrics.WebhookDelivery("delivered");
        }
        else
        {
            var schedule = settings.Schedule;
            var delay = schedule[Math.Min(message.Attempts - 1, schedule.Count - 1)];
            // Jitter (±20%) so receivers coming back up are not hit by every sender at the same instant.
            var due = now + delay * (0.8 + (Random.Shared.NextDouble() * 0.4));
            if (due > message.CreatedAt.AddHours(settings.RetryForHours))
            {
                message.State = WebhookMessageState.Failed;
                metrics.WebhookDelivery("gave_up");
            }
            else
            {
                message.NextAttemptAt = due;
                next = due;
                metrics.WebhookDelivery("failed");
            }

            webhook.FailingSince ??= now;
            if (webhook.Enabled && now - webhook.FailingSince.Value >= TimeSpan.FromHours(settings.RetryForHours))
            {
                webhook.Enabled = false;
                webhook.DisabledReason = FormattableString.Invariant(
                    $"Disabled automatically at {now:yyyy-MM-ddTHH:mm:ssZ}: every delivery failed for {settings.RetryForHours} h (last: {result.Error}). Fix the receiver and set enabled to true.");
                logger.LogWarning("Webhook {WebhookId} disabled after {Hours} h of failed deliveries.", webhook.Id, settings.RetryForHours);
            }
        }

        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            WebhookId = webhook.Id,
            MessageId = message.Id,
            EventId = message.EventId,
            EventType = message.EventType,
            Attempt = message.Attempts,
            AttemptedAt = now,
            StatusCode = result.StatusCode,
            DurationMs = result.DurationMs,
            Error = result.Error is { Length: > 1000 } e ? e[..1000] : result.Error,
            RequestBody = message.Body,
            ResponseBody = result.ResponseBody,
            NextAttemptAt = next,
        });
    }

    /// <summary>
    /// The oldest work not yet delivered: an event not fanned out yet (the partial index on undispatched events), or a
    /// message still pending for an enabled webhook (a disabled one is not waited for). At most once a second.
    /// </summary>
    private async Task MeasureLagAsync(CmsDbContext db, CancellationToken cancellationToken)
    {
        var now = Infrastructure.Clock.UtcNow(time);
        if (Volatile.Read(ref lag) is { } last && now - last.CheckedAt < TimeSpan.FromSeconds(1))
        {
            return;
        }

        var oldestEvent = await db.ContentEvents.Where(e => !e.Dispatched).OrderBy(e => e.Sequence)
            .Select(e => (DateTime?)e.OccurredAt).FirstOrDefaultAsync(cancellationToken);
        var oldestMessage = await db.WebhookMessages
            .Where(m => m.State == WebhookMessageState.Pending && db.Webhooks.Any(w => w.Id == m.WebhookId && w.Enabled))
            .OrderBy(m => m.CreatedAt).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var oldest = oldestEvent is null ? oldestMessage : oldestMessage is null ? oldestEvent : Min(oldestEvent.Value, oldestMessage.Value);
        Volatile.Write(ref lag, new LagSample(now, oldest));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private sealed record LagSample(DateTime CheckedAt, DateTime? Oldest);

    private void Wake()
    {
        try
        {
            if (wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }
        catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
        {
            // Already awake, or shutting down.
        }
    }
}
