using HeadlessCms.Api.Events;
using HeadlessCms.Data;
using HeadlessCms.Data.Webhooks;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Webhooks;

/// <summary>
/// Reads the outbox after commit and delivers it: turns new events into one message per interested webhook, then
/// claims due messages (so no two instances send the same one at once), sends them and records each attempt.
/// Work is in the database, so a restart loses nothing.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, WebhookHttp http, TimeProvider time, IOptions<WebhookOptions> options, IOptions<EventOptions> events, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim wake = new(0, 1);

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
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy = await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Webhook dispatch failed; trying again shortly.");
            }

            if (!busy)
            {
                try
                {
                    await wake.WaitAsync(TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One round; true when there was work (so the next round starts at once).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var fannedOut = await WebhookOutbox.FanOutAsync(db, time, cancellationToken);
        var claimed = await WebhookOutbox.ClaimAsync(db, time, TimeSpan.FromSeconds(options.Value.TimeoutSeconds + 30), cancellationToken);
        if (claimed.Count == 0)
        {
            return fannedOut > 0;
        }

        var results = await Task.WhenAll(claimed.Select(c => http.SendAsync(c.Webhook.Url, c.Webhook.Secret, WebhookSignature.MessageId(c.Message.Id), c.Message.Body, cancellationToken)));
        var now = Infrastructure.Clock.UtcNow(time);
        for (var i = 0; i < claimed.Count; i++)
        {
            Record(db, claimed[i].Webhook, claimed[i].Message, results[i], now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
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
            }
            else
            {
                message.NextAttemptAt = due;
                next = due;
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
