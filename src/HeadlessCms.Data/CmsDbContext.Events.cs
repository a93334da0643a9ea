using HeadlessCms.Data.Events;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Data;

public sealed partial class CmsDbContext
{
    /// <summary>Any number, the same on every instance: the PostgreSQL advisory lock that orders event commits.</summary>
    private const long EventOrderLock = 7_305_112_024;

    /// <summary>
    /// Raised after a SaveChanges that wrote content events has committed: wakes the webhook dispatcher and evicts
    /// delivery caches. Process-wide on purpose; a spurious wake-up costs one query.
    /// </summary>
    public static event Action? ContentCommitted;

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var hasEvents = ChangeTracker.Entries<ContentEvent>().Any(e => e.State == EntityState.Added);
        if (!hasEvents)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        int written;
        if (IsPostgres)
        {
            // The feed and its cursors rely on "a sequence seen means every smaller one is committed". Sequences are
            // allocated at insert but transactions commit in any order, so event writers take one transaction-scoped
            // lock first: allocation and commit then happen in the same order. (SQLite has a single writer already.)
            var own = Database.CurrentTransaction is null;
            var transaction = own ? await Database.BeginTransactionAsync(cancellationToken) : null;
            try
            {
                await LockEventOrderAsync(cancellationToken);
                written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
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
        }
        else
        {
            written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        if (Database.CurrentTransaction is null)
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
            await Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({EventOrderLock})", cancellationToken);
        }
    }

    /// <summary>For code that commits its own transaction around event writes (the scheduler).</summary>
    public static void NotifyContentCommitted() => ContentCommitted?.Invoke();
}
