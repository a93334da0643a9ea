using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Advances the content generation (evicting cached delivery responses) after a save that committed a change to
/// content, and only then: a write refused with 404, 409 or 412 saves nothing and evicts nothing. API keys, content
/// events, webhook bookkeeping, audit entries and revisions are not content; anything else a context saves is, so a new kind of content cannot
/// be forgotten here. A save inside a transaction (the outbox writes a change and its events in one) evicts when that
/// transaction commits, so no reader can cache the old state under the new generation.
/// </summary>
public sealed class ContentChangeInterceptor(ContentGeneration generation) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly string[] NotContent =
        ["HeadlessCms.Data.ApiKeys", "HeadlessCms.Data.Events", "HeadlessCms.Data.Webhooks", "HeadlessCms.Data.Audit", "HeadlessCms.Data.Revisions"];

    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> pending = [];

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
        if (InTransaction(eventData.Context))
        {
            return result;
        }

        if (Changed(eventData.Context) && result > 0)
        {
            generation.AdvanceAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (InTransaction(eventData.Context))
        {
            return result;
        }

        if (Changed(eventData.Context) && result > 0)
        {
            // Not cancelled with the request: the change is committed whatever the client does now.
            await generation.AdvanceAsync(CancellationToken.None);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Changed(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Changed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Changed(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Changed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && !NotContent.Contains(e.Entity.GetType().Namespace, StringComparer.Ordinal)))
        {
            pending.AddOrUpdate(context, Marker);
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (Changed(eventData.Context))
        {
            generation.AdvanceAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Changed(eventData.Context))
        {
            await generation.AdvanceAsync(CancellationToken.None);
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Changed(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Changed(eventData.Context);
        return Task.CompletedTask;
    }

    private static bool InTransaction(DbContext? context) => context?.Database.CurrentTransaction is not null;

    /// <summary>Whether the save now ending touched content; forgets it either way.</summary>
    private bool Changed(DbContext? context) => context is not null && pending.Remove(context);
}
