using System.Text.Json;
using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Data;
using HeadlessCms.Data.Events;
using HeadlessCms.Data.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Webhooks;

public sealed record ClaimedMessage(WebhookMessage Message, Webhook Webhook);

/// <summary>The body every webhook request carries: the content event.</summary>
public sealed record WebhookEventBody(Guid Id, long? Sequence, string Type, DateTime OccurredAt, Actor? Actor, JsonElement Data);

/// <summary>The database side of delivery: fan-out of events and claims of due messages, safe with several instances.</summary>
public static class WebhookOutbox
{
    public const int BatchSize = 100;
    public const int ClaimSize = 20;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Body(WebhookEventBody body) => JsonSerializer.Serialize(body, Json);

    /// <summary>What a fan-out did: how many events it took, and whether it found no webhook enabled at all.</summary>
    public readonly record struct FanOutResult(int Events, bool NoWebhookEnabled);

    /// <summary>Turns undispatched events into messages for the enabled webhooks that want them.</summary>
    public static async Task<FanOutResult> FanOutAsync(CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        // Nobody to tell: one statement marks a batch done. The check is part of the statement, so it reads the webhooks
        // and the events at one moment: an event committed after a webhook was created is never marked here.
        var marked = await db.ContentEvents.Where(e => !e.Dispatched && !db.Webhooks.Any(w => w.Enabled))
            .OrderBy(e => e.Sequence).Take(BatchSize)
            .ExecuteUpdateAsync(x => x.SetProperty(e => e.Dispatched, true), cancellationToken);
        if (marked > 0)
        {
            return new FanOutResult(marked, NoWebhookEnabled: true);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // On PostgreSQL, rows another instance is fanning out are skipped rather than waited for (or done twice).
        var events = db.IsPostgres
            ? await db.ContentEvents.FromSql($"SELECT * FROM \"ContentEvents\" WHERE \"Dispatched\" = FALSE ORDER BY \"Sequence\" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
                .AsTracking().ToListAsync(cancellationToken)
            : await db.ContentEvents.Where(e => !e.Dispatched).OrderBy(e => e.Sequence).Take(BatchSize).AsTracking().ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return new FanOutResult(0, NoWebhookEnabled: false);
        }

        var webhooks = await db.Webhooks.Where(w => w.Enabled).ToListAsync(cancellationToken);
        var now = Infrastructure.Clock.UtcNow(time);
        foreach (var e in events)
        {
            if (db.IsPostgres)
            {
                e.Dispatched = true;
            }
            else if (await db.ContentEvents.Where(x => x.Sequence == e.Sequence && !x.Dispatched)
                         .ExecuteUpdateAsync(x => x.SetProperty(c => c.Dispatched, true), cancellationToken) == 0)
            {
                // SQLite has no SKIP LOCKED: a conditional update claims the event, so a second dispatcher on the same
                // file (another instance, or a restarted one) never fans it out twice.
                continue;
            }

            // A webhook gets what happens after it is created, however late the fan-out runs (it waits to batch).
            foreach (var webhook in webhooks.Where(w => w.Wants(e.Type) && e.OccurredAt >= w.CreatedAt))
            {
                db.WebhookMessages.Add(NewMessage(webhook.Id, e.Id, e.Type, Body(ToBody(e)), now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FanOutResult(events.Count, NoWebhookEnabled: false);
    }

    public static WebhookMessage NewMessage(int webhookId, Guid eventId, string type, string body, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        WebhookId = webhookId,
        EventId = eventId,
        EventType = type,
        Body = body,
        State = WebhookMessageState.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    /// <summary>
    /// Claims due messages of enabled webhooks by stamping them with a token and a lease (NextAttemptAt moved past the
    /// send timeout): another instance neither sees them as due nor can claim them until the lease ends, which only
    /// happens if this instance died mid-send (then the message is retried: at-least-once).
    /// </summary>
    public static async Task<List<ClaimedMessage>> ClaimAsync(CmsDbContext db, TimeProvider time, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Infrastructure.Clock.UtcNow(time);
        var token = Guid.NewGuid();
        var leaseEnd = now + lease;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            List<Guid> ids;
            if (db.IsPostgres)
            {
                ids = await db.WebhookMessages.FromSql(
                        $"""
                         SELECT m.* FROM "WebhookMessages" m JOIN "Webhooks" w ON w."Id" = m."WebhookId"
                         WHERE m."State" = 'Pending' AND m."NextAttemptAt" <= {now} AND w."Enabled"
                         ORDER BY m."NextAttemptAt" LIMIT {ClaimSize} FOR UPDATE OF m SKIP LOCKED
                         """)
                    .AsNoTracking().Select(m => m.Id).ToListAsync(cancellationToken);
            }
            else
            {
                ids = await db.WebhookMessages
                    .Where(m => m.State == WebhookMessageState.Pending && m.NextAttemptAt <= now && db.Webhooks.Any(w => w.Id == m.WebhookId && w.Enabled))
                    .OrderBy(m => m.NextAttemptAt).Take(ClaimSize).Select(m => m.Id).ToListAsync(cancellationToken);
            }

            if (ids.Count == 0)
            {
                return [];
            }

            // Conditional: only rows still pending and due are taken (on SQLite this is the claim itself).
            await db.WebhookMessages.Where(m => ids.Contains(m.Id) && m.State == WebhookMessageState.Pending && m.NextAttemptAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, token).SetProperty(m => m.NextAttemptAt, leaseEnd), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var messages = await db.WebhookMessages.AsTracking().Where(m => m.ClaimToken == token).ToListAsync(cancellationToken);
        var webhookIds = messages.Select(m => m.WebhookId).Distinct().ToList();
        var webhooks = await db.Webhooks.AsTracking().Where(w => webhookIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
        return messages.Select(m => new ClaimedMessage(m, webhooks[m.WebhookId])).ToList();
    }

    private static WebhookEventBody ToBody(ContentEvent e)
    {
        using var data = JsonDocument.Parse(e.Data);
        return new WebhookEventBody(e.Id, e.Sequence, e.Type, e.OccurredAt,
            Actor.Of(e.ActorKeyId, e.ActorName), data.RootElement.Clone());
    }
}
