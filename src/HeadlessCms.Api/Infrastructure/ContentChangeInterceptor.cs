using System.Runtime.CompilerServices;
using HeadlessCms.Data.ApiKeys;
using HeadlessCms.Data.Audit;
using HeadlessCms.Data.Revisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Advances the content generation (evicting cached delivery responses) after a save that committed a change to
/// content, and only then: a write refused with 404, 409 or 412 saves nothing and evicts nothing. API keys are not
/// content; anything else a context saves is, so a new kind of content cannot be forgotten here.
/// </summary>
public sealed class ContentChangeInterceptor(ContentGeneration generation) : SaveChangesInterceptor
{
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
        if (Changed(eventData.Context) && result > 0)
        {
            generation.AdvanceAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
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
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not (ApiKey or AuditEntry or ArticleRevision)))
        {
            pending.AddOrUpdate(context, Marker);
        }
    }

    /// <summary>Whether the save now ending touched content; forgets it either way.</summary>
    private bool Changed(DbContext? context) => context is not null && pending.Remove(context);
}
