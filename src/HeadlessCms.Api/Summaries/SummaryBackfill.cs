using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Summaries;

/// <summary>Gives every published article without a summary a generated one, in batches.</summary>
public sealed class SummaryBackfill(CmsDbContext db, SummaryService summaries, TimeProvider time)
{
    private const int BatchSize = 200;

    public async Task<int> RunAsync(IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var missing = db.Articles.Where(a => a.Status == ArticleStatus.Published && a.Summary == null);
        var total = await missing.CountAsync(cancellationToken);
        var done = 0;
        var lastId = 0;
        while (done < total)
        {
            var batch = await missing.AsTracking().Where(a => a.Id > lastId).OrderBy(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var article in batch)
            {
                // Not Touch: the editor's last change stays the article's UpdatedAt.
                article.RefreshSummary(summaries, time.UtcNow());
                article.Version++;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            lastId = batch[^1].Id;
            done += batch.Count;
            progress?.Report((done, total));
        }

        return done;
    }
}
