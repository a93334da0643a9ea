using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Tests.Reliability;

/// <summary>Every row of every table, reduced to what a write would change: equal snapshots mean nothing was written.</summary>
public static class DataSnapshot
{
    public static async Task<string> TakeAsync(CmsApiFactory factory)
    {
        await using var db = factory.NewDbContext();
        var token = TestContext.Current.CancellationToken;
        var articles = await db.Articles.OrderBy(a => a.Id)
            .Select(a => $"{a.Id}|{a.Slug}|{a.Status}|{a.Version}|{a.UpdatedAt.Ticks}|{a.PublishedAt}|{a.Summary != null}").ToListAsync(token);
        var categories = await db.Categories.OrderBy(c => c.Id).Select(c => $"{c.Id}|{c.Slug}|{c.Version}|{c.ParentId}").ToListAsync(token);
        var formerSlugs = await db.FormerSlugs.OrderBy(f => f.Slug).Select(f => $"{f.Slug}|{f.ArticleId}").ToListAsync(token);
        var keys = await db.ApiKeys.OrderBy(k => k.Id).Select(k => $"{k.Id}|{k.Role}|{k.RevokedAt}").ToListAsync(token);
        return string.Join('\n', ["articles", .. articles, "categories", .. categories, "former slugs", .. formerSlugs, "api keys", .. keys]);
    }
}
