using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Audit;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Data.Articles;
using HeadlessCms.Data.Revisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using System.Runtime.CompilerServices;
using HeadlessCms.Data.Audit;

namespace HeadlessCms.Api.Revisions;

/// <summary>
/// The one place where a save of an article gets its actor (createdBy/updatedBy from the request's API key, the same
/// <see cref="Actor"/> its content events carry) and its immutable revision, and where API-key and webhook changes get
/// their audit entries (articles' and categories' come from their content events), all in the same SaveChanges.
/// Every change of an article bumps its version (Article.Touch), so "the version changed" is "the article changed",
/// whichever handler made it. Retention (Cms:Revisions:MaxPerArticle) prunes the oldest in the same save.
/// </summary>
public sealed class RevisionRecorder(IHttpContextAccessor http, TimeProvider time, IOptionsMonitor<CmsOptions> options) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, AuditRecorder> awaitingIds = [];

    /// <summary>What this recorder added to each save in progress: taken back if the save fails, so a retry (the
    /// slug helper retries after a unique violation) records afresh instead of inserting stale copies.</summary>
    private readonly ConditionalWeakTable<DbContext, List<object>> added = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            RecordAsync(context, async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await RecordAsync(context, async: true, cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        FillIdsAsync(eventData.Context, async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await FillIdsAsync(eventData.Context, async: true, CancellationToken.None);
        return result;
    }

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

    private void Forget(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        awaitingIds.Remove(context);
        if (added.TryGetValue(context, out var entities))
        {
            added.Remove(context);
            foreach (var entity in entities)
            {
                context.Entry(entity).State = EntityState.Detached;
            }
        }
    }

    /// <summary>
    /// An entity created in this save had no id when its audit entry was made; now it has one. Written by a second
    /// statement after the commit (not cancelled with the request): at worst an entry keeps subject id 0.
    /// </summary>
    private async ValueTask FillIdsAsync(DbContext? context, bool async, CancellationToken cancellationToken)
    {
        if (context is not null)
        {
            added.Remove(context);
        }

        if (context is null || !awaitingIds.TryGetValue(context, out var audit))
        {
            return;
        }

        awaitingIds.Remove(context);
        foreach (var (entry, subject) in audit.AwaitingIds)
        {
            var id = (int)context.Entry(subject).Property("Id").CurrentValue!;
            var rows = context.Set<AuditEntry>().Where(e => e.Id == entry.Id);
            _ = async
                ? await rows.ExecuteUpdateAsync(s => s.SetProperty(e => e.SubjectId, id), cancellationToken)
                : rows.ExecuteUpdate(s => s.SetProperty(e => e.SubjectId, id));
            entry.SubjectId = id;
            context.Entry(entry).State = EntityState.Unchanged;
        }
    }

    private async ValueTask RecordAsync(DbContext context, bool async, CancellationToken cancellationToken)
    {
        // A save that turned detection off has looked already (the one-batch create: CmsDbContext.SaveChangesAsync).
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }

        var actor = Actor.Of(http.HttpContext);
        var now = time.UtcNow();
        Forget(context); // a retried save: drop what the failed attempt added (normally nothing)
        var audit = new AuditRecorder(context, actor, now);
        var max = options.CurrentValue.Revisions.MaxPerArticle;
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is Article article)
            {
                await RecordArticleAsync(context, entry, article, actor, now, max, async, cancellationToken);
            }
            else
            {
                audit.Other(entry);
            }
        }

        if (audit.AwaitingIds.Count > 0)
        {
            awaitingIds.AddOrUpdate(context, audit);
        }

        var mine = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Deleted && e.Entity is ArticleRevision or AuditEntry).Select(e => e.Entity).ToList();
        if (mine.Count > 0)
        {
            added.AddOrUpdate(context, mine);
        }
    }

    private static async ValueTask RecordArticleAsync(DbContext context, EntityEntry entry, Article article, Actor? actor, DateTime now, int? max,
        bool async, CancellationToken cancellationToken)
    {
        switch (entry.State)
        {
            case EntityState.Added:
                article.StampActor(actor?.KeyId, actor?.Name, created: true);
                context.Add(ArticleRevision.Of(article, now));
                break;
            case EntityState.Modified when entry.Property(nameof(Article.Version)).IsModified:
                article.StampActor(actor?.KeyId, actor?.Name, created: false);
                context.Add(ArticleRevision.Of(article, now));
                if (max is > 0)
                {
                    await PruneAsync(context, article.Id, max.Value, async, cancellationToken);
                }

                break;
        }
    }

    /// <summary>Keeps the newest <paramref name="max"/> revisions, counting the one this save adds.</summary>
    private static async ValueTask PruneAsync(DbContext context, int articleId, int max, bool async, CancellationToken cancellationToken)
    {
        var older = context.Set<ArticleRevision>().AsNoTracking().Where(r => r.ArticleId == articleId)
            .OrderByDescending(r => r.Version).Skip(max - 1).Select(r => r.Id);
        var ids = async ? await older.ToListAsync(cancellationToken) : older.ToList();
        foreach (var id in ids)
        {
            context.Remove(new ArticleRevision { Id = id, Title = "", Slug = "", Body = "" });
        }
    }
}
