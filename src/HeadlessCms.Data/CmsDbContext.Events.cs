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
        var added = new List<object>();
        int written = 0;
        try
        {
            // The feed and its cursors rely on "a sequence seen means every smaller one is committed". Sequences are
            // allocated at insert but transactions commit in any order, so event writers hold one transaction-scoped
            // lock from before their first write to their commit: allocation and commit happen in the same order.
            // Taken first, before any row lock, so no two writers can each hold what the other waits for; and it goes
            // out with the transaction's BEGIN, so it costs no round trip of its own.
            await LockEventOrderAsync(cancellationToken);

            // Events carry their subject's id. When a new row's key comes from the database (SQLite's autoincrement,
            // a category's identity), the change is written first and its events after it; when every key is already
            // known (articles draw theirs from a HiLo sequence on PostgreSQL), change, revision, events and audit
            // entries go in one batch.
            if (recorders.Any(HasTemporaryKey))
            {
                written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            else
            {
                // The events read the change's navigations (an article's category): fix them up as the save would.
                ChangeTracker.DetectChanges();
            }

            foreach (var recorder in recorders)
            {
                var events = recorder.PendingEvents.Select(build => build()).ToList();
                var entries = events.Select(e => AuditEntry.Of(e, (recorder as Article)?.Version)).ToList();
                ContentEvents.AddRange(events);
                AuditEntries.AddRange(entries);
                added.AddRange(events);
                added.AddRange(entries);
            }

            written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch
        {
            // A failed save is retried by some callers (a made slug lost to another writer): they build the events
            // again from the pending list, so this attempt's copies must not linger in the change tracker.
            foreach (var entity in added)
            {
                Entry(entity).State = EntityState.Detached;
            }

            throw;
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

    private bool HasTemporaryKey(IRecordsContentEvents recorder)
    {
        var entry = Entry(recorder);
        return entry.Metadata.FindPrimaryKey()!.Properties.Any(key => entry.Property(key.Name).IsTemporary);
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
