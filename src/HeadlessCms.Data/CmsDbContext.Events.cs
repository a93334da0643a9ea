using HeadlessCms.Data.Articles;
using HeadlessCms.Data.Audit;
using HeadlessCms.Data.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HeadlessCms.Data;

public sealed partial class CmsDbContext
{
    /// <summary>Any number, the same on every instance: the PostgreSQL advisory lock that orders event commits.</summary>
    private const long EventOrderLock = 7_305_112_024;

    /// <summary>
    /// Raised after a SaveChanges that wrote content events has committed: wakes the webhook dispatcher (and can drive
    /// cache eviction). Process-wide on purpose; a spurious wake-up costs one query.
    /// </summary>
    public static event Action? ContentCommitted;

    /// <summary>
    /// The outbox: a change and the events its entities recorded are written in one transaction, so a rolled-back
    /// change emits nothing and a committed one always has its events.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // No code here carries on in a transaction after a failed save (it is abandoned whole), so the savepoint EF sets
        // around every save inside a transaction would be two round trips for nothing.
        Database.AutoSavepointsEnabled = false;
        var recorders = ChangeTracker.Entries().Select(e => e.Entity).OfType<IRecordsContentEvents>().Where(e => e.PendingEvents.Count > 0).ToList();
        var direct = ChangeTracker.Entries<ContentEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (recorders.Count == 0 && direct.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The audit trail is read from the content events: each one has its entry, in the same transaction.
        AuditEntries.AddRange(direct.Select(e => AuditEntry.Of(e, version: null)));

        var own = Database.CurrentTransaction is null;
        var transaction = own ? await Database.BeginTransactionAsync(cancellationToken) : null;
        int written;
        try
        {
            written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            // The feed and its cursors rely on "a sequence seen means every smaller one is committed". Sequences are
            // allocated at insert but transactions commit in any order, so event writers take one transaction-scoped
            // lock before inserting their events: allocation and commit then happen in the same order. (SQLite has a
            // single writer already.) Taken after the change itself is written, so a change that fails (a slug lost
            // to another writer) never queues behind the lock, and the lock is held only for the events and commit.
            // (A trigger taking it inside the event insert saved this round trip, but it had to draw a second sequence
            // value after the identity's, so sequences stepped by two and the feed's retention check, which reads a
            // gap before the oldest kept event as pruned events, sent clients to resync for nothing.)
            await LockEventOrderAsync(cancellationToken);
            foreach (var recorder in recorders)
            {
                var events = recorder.PendingEvents.Select(build => build()).ToList();
                ContentEvents.AddRange(events);
                AuditEntries.AddRange(events.Select(e => AuditEntry.Of(e, (recorder as Article)?.Version)));
            }

            written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }

        // Only once the events are in the database: a failed save keeps them pending for a retry of the same change.
        recorders.ForEach(r => r.PendingEvents.Clear());
        if (own)
        {
            ContentCommitted?.Invoke();
        }

        return written;
    }

    /// <summary>
    /// Takes the event-order lock in the current transaction (PostgreSQL; a no-op on SQLite). Code that locks rows
    /// before writing events in its own transaction calls this first, so it cannot deadlock with SaveChanges.
    /// </summary>
    public async Task LockEventOrderAsync(CancellationToken cancellationToken)
    {
        if (IsPostgres)
        {
            try
            {
                await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({EventOrderLock})", cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                // Npgsql completes a transaction whose connection broke: nothing was committed, the database is gone.
                throw new Npgsql.NpgsqlException("The database connection was lost during the transaction; nothing was saved.", e);
            }
        }
    }

    /// <summary>For code that commits its own transaction around event writes (the scheduler, webhook pings).</summary>
    public static void NotifyContentCommitted() => ContentCommitted?.Invoke();
}
