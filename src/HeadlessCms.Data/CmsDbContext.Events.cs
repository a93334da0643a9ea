using HeadlessCms.Data.Articles;
using HeadlessCms.Data.Audit;
using HeadlessCms.Data.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HeadlessCms.Data;

public sealed partial class CmsDbContext
{
    /// <summary>
    /// Raised after a SaveChanges that wrote content events has committed: wakes the webhook dispatcher (and can drive
    /// cache eviction). Process-wide on purpose; a spurious wake-up costs one query.
    /// </summary>
    public static event Action? ContentCommitted;

    /// <summary>
    /// The outbox: a change and the events its entities recorded are written in one transaction, so a rolled-back
    /// change emits nothing and a committed one always has its events. The events' order across transactions (their
    /// sequence) is settled by the database as each commits (see ContentEventConfiguration).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // No code here carries on in a transaction after a failed save (it is abandoned whole), so the savepoint EF sets
        // around every save inside a transaction would be two round trips for nothing.
        Database.AutoSavepointsEnabled = false;
        // One look at what changed. Every read of the change tracker below, and in the save interceptors, would
        // otherwise compare every property of every tracked entity again; the saves turn detection back on, except
        // the one-batch create, where every row is new and inserted whole.
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect)
        {
            ChangeTracker.DetectChanges();
        }

        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await SaveWithEventsAsync(acceptAllChangesOnSuccess, detect, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private async Task<int> SaveWithEventsAsync(bool acceptAllChangesOnSuccess, bool detect, CancellationToken cancellationToken)
    {
        var recorders = ChangeTracker.Entries().Select(e => e.Entity).OfType<IRecordsContentEvents>().Where(e => e.PendingEvents.Count > 0).ToList();
        var direct = ChangeTracker.Entries<ContentEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (recorders.Count == 0 && direct.Count == 0)
        {
            return await SaveAsync(acceptAllChangesOnSuccess, detect, cancellationToken);
        }

        // The audit trail is read from the content events: each one has its entry, in the same transaction.
        AuditEntries.AddRange(direct.Select(e => AuditEntry.Of(e, version: null)));

        // Events carry their subject's id. When a new row's key comes from the database (SQLite's autoincrement, a
        // category's identity), the change is written first and its events after it, in a transaction of our own.
        // When every key is already known (articles draw theirs from a HiLo sequence on PostgreSQL), change, revision,
        // events and audit entries go in one save, which EF makes atomic as it makes any save.
        var twoSaves = recorders.Any(HasTemporaryKey);
        var own = Database.CurrentTransaction is null;
        var transaction = own && twoSaves ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var added = new List<object>();
        int written = 0;
        try
        {
            if (twoSaves)
            {
                written = await SaveAsync(acceptAllChangesOnSuccess, detect, cancellationToken);
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

            written += own && !twoSaves && InsertsInOneBatch()
                ? await SaveInOneBatchAsync(acceptAllChangesOnSuccess, cancellationToken)
                : await SaveAsync(acceptAllChangesOnSuccess, detect, cancellationToken);
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

    /// <summary>
    /// PostgreSQL runs the statements of one batch (one Sync) as one implicit transaction: all or none. EF still wraps
    /// a multi-statement batch in BEGIN and COMMIT, a round trip of its own, so a create is saved without one when it
    /// is certain to be a single batch that cannot half succeed: only inserts (an insert fails or writes its row,
    /// where an update's concurrency check could fail after the other statements ran), no foreign key waiting for a
    /// key the database generates (EF would send the dependent row in a second batch), and far below EF's batch size.
    /// </summary>
    private bool InsertsInOneBatch()
    {
        if (!IsPostgres)
        {
            return false;
        }

        var changed = 0;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.State != EntityState.Added || ++changed > 20
                || entry.Metadata.GetForeignKeys().Any(fk => fk.Properties.Any(p => entry.Property(p.Name).IsTemporary)))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<int> SaveInOneBatchAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        var behavior = Database.AutoTransactionBehavior;
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        try
        {
            return await SaveAsync(acceptAllChangesOnSuccess, detect: false, cancellationToken);
        }
        finally
        {
            Database.AutoTransactionBehavior = behavior;
        }
    }

    private async Task<int> SaveAsync(bool acceptAllChangesOnSuccess, bool detect, CancellationToken cancellationToken)
    {
        ChangeTracker.AutoDetectChangesEnabled = detect;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = false;
        }
    }

    private bool HasTemporaryKey(IRecordsContentEvents recorder)
    {
        var entry = Entry(recorder);
        return entry.Metadata.FindPrimaryKey()!.Properties.Any(key => entry.Property(key.Name).IsTemporary);
    }

    /// <summary>For code that commits its own transaction around event writes (the scheduler, webhook pings).</summary>
    public static void NotifyContentCommitted() => ContentCommitted?.Invoke();
}
