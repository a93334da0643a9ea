using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Data;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Articles;

/// <summary>
/// Renders the stored HTML of every article that has none: rows written before the column existed, or reset to null
/// (after a change to the rendering rules, `UPDATE "Articles" SET "BodyHtml" = NULL` renders everything again).
/// </summary>
public sealed class BodyHtmlBackfill(CmsDbContext db, ILogger<BodyHtmlBackfill> logger)
{
    private const int BatchSize = 200;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        var lastId = 0;
        while (true)
        {
            var batch = await db.Articles.AsTracking().Where(a => a.BodyHtml == null && a.Id > lastId)
                .OrderBy(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return done;
            }

            foreach (var article in batch)
            {
                if (MarkdownRenderer.TryRender(article.Body, out var rendered, out var refusal))
                {
                    article.StoreRenderedBody(rendered);
                }
                else
                {
                    // Written before the limits: readers see the text escaped until an editor fixes the body.
                    logger.LogWarning("Article {Id} is shown as plain text: {Reason}", article.Id, refusal);
                    article.StoreRenderedBody(MarkdownRenderer.AsText(article.Body));
                }

                // Not Touch: the editor's last change stays the article's UpdatedAt; the new version changes the ETag.
                article.Version++;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            lastId = batch[^1].Id;
            done += batch.Count;
        }
    }
}

public static class ArticlesFeature
{
    /// <summary>The article feature's start-up work: render the stored HTML of rows that have none (and the `articles render` command).</summary>
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.AddScoped<BodyHtmlBackfill>();
        services.AddStartupTask<RenderMissingBodyHtmlOnStart>();
        services.AddStartupCommand("articles render", async (scope, cancellationToken) =>
        {
            var rendered = await scope.GetRequiredService<BodyHtmlBackfill>().RunAsync(cancellationToken);
            Console.WriteLine($"Rendered the HTML of {rendered} articles.");
        });
        return services;
    }

    private sealed class RenderMissingBodyHtmlOnStart(BodyHtmlBackfill backfill, ILogger<RenderMissingBodyHtmlOnStart> logger) : IStartupTask
    {
        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var rendered = await backfill.RunAsync(cancellationToken);
            if (rendered > 0)
            {
                logger.LogInformation("Rendered the stored HTML of {Count} articles.", rendered);
            }
        }
    }
}
