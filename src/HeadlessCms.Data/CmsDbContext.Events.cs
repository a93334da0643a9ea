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
        var recorders = ChangeTracker.Entries().Select(e => e.Entity).OfType<IRecordsContentEvents>().Where(e => e.PendingEvents.Count > 0).ToList();
        var direct = ChangeTracker.Entries<ContentEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (recorders.Count == 0 && direct.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The audit trail is read from the content events: each one has its entry, in the same transaction.
        AuditEntries.AddRange(direct.Select(e => AuditEntry.Of(e, version: null)));

        // Events carry their subject's id. When a new row's key comes from the database (SQLite's autoincrement, a
        // category's identity), the change is written first and its events after it, in a transaction of our own.
        // When every key is already known (articles draw theirs from a HiLo sequence on PostgreSQL), change, revision,
        // events and audit entries go in one save, and EF makes that atomic as it would any save: a single batch is
        // one implicit transaction on PostgreSQL, without a BEGIN and a COMMIT round trip.
        var twoSaves = recorders.Any(HasTemporaryKey);
        var own = Database.CurrentTransaction is null;
        var transaction = own && twoSaves ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var added = new List<object>();
        int written = 0;
        try
        {
            if (twoSaves)
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

    /// <summary>For code that commits its own transaction around event writes (the scheduler, webhook pings).</summary>
    public static void NotifyContentCommitted() => ContentCommitted?.Invoke();
}
