using System.Data.Common;
using System.Runtime.CompilerServices;
using HeadlessCms.Api.Infrastructure.Telemetry;
using HeadlessCms.Data.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HeadlessCms.Api.Events;

/// <summary>
/// Counts content events (headlesscms.content_events.written) once they are in the database: a save outside a
/// transaction counts when it completes, one inside a transaction (the outbox, the scheduler) when the transaction
/// commits. A failed or rolled-back save counts nothing, so the counter matches the rows the outbox holds.
/// </summary>
public sealed class ContentEventMetrics(CmsMetrics metrics) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<string>> pending = [];

    /// <summary>Contexts inside SaveChanges: a transaction that starts there is EF's own for that save.</summary>
    private readonly ConditionalWeakTable<DbContext, object> saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        CountUnlessInTransaction(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        CountUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // A failed save keeps its events tracked for a retry, which notes them again: forget this attempt's.
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback (a failed outbox save) reports neither: a new one starts clean.
    // Not the one EF begins inside a save for that save: the events it noted are what that transaction commits.
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        ForgetUnlessSaving(eventData.Context);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        ForgetUnlessSaving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Count(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Count(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        saving.AddOrUpdate(context, context);

        var added = context.ChangeTracker.Entries<ContentEvent>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Type).ToList();
        if (added.Count > 0)
        {
            pending.GetOrCreateValue(context).AddRange(added);
        }
    }

    private void CountUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Count(context);
        }
    }

    private void Count(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var types))
        {
            pending.Remove(context);
            types.ForEach(metrics.ContentEventWritten);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            pending.Remove(context);
            saving.Remove(context);
        }
    }

    private void ForgetUnlessSaving(DbContext? context)
    {
        if (context is not null && !saving.TryGetValue(context, out _))
        {
            pending.Remove(context);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null)
        {
            saving.Remove(context);
        }
    }
}
