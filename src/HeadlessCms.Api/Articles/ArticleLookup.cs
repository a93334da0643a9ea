using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Articles;

/// <summary>Finding an article by id, for every management endpoint under /manage/articles/{id} (its summary's too).</summary>
public static class ArticleLookup
{
    /// <summary>The article with what its management representation shows: category and former slugs.</summary>
    public static async Task<Article?> LoadAsync(CmsDbContext db, int id, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.Articles.Include(a => a.Category).Include(a => a.FormerSlugs).Where(a => a.Id == id);
        return await (tracking ? query.AsTracking() : query).AsSplitQuery().FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The article row with its category (named by the change's content event), tracked.</summary>
    public static Task<Article?> FindForChangeAsync(CmsDbContext db, int id, CancellationToken cancellationToken) =>
        db.Articles.AsTracking().Include(a => a.Category).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    public static ProblemHttpResult NotFound(int id) => Problems.NotFound($"There is no article with id {id}.");
}
