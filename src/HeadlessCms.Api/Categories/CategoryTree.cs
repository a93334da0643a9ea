using HeadlessCms.Data;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Categories;

public static class CategoryTree
{
    /// <summary>The category's id followed by all its descendants' ids; null when no category has the slug.</summary>
    public static async Task<List<int>?> WithDescendantsAsync(CmsDbContext db, string slug, CancellationToken cancellationToken)
    {
        // Categories number in the hundreds at most: one small read beats a recursive query both providers must agree on.
        var all = await db.Categories.Select(c => new { c.Id, c.ParentId, c.Slug }).ToListAsync(cancellationToken);
        var root = all.FirstOrDefault(c => c.Slug == slug);
        if (root is null)
        {
            return null;
        }

        var childrenOf = all.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value, c => c.Id);
        var ids = new List<int> { root.Id };
        for (var i = 0; i < ids.Count; i++)
        {
            ids.AddRange(childrenOf[ids[i]].Where(child => !ids.Contains(child)));
        }

        return ids;
    }

    /// <summary>True when making <paramref name="parentId"/> the parent of <paramref name="categoryId"/> would close a loop.</summary>
    public static async Task<bool> WouldCycleAsync(CmsDbContext db, int categoryId, int parentId, CancellationToken cancellationToken)
    {
        var parents = await db.Categories.ToDictionaryAsync(c => c.Id, c => c.ParentId, cancellationToken);
        var seen = new HashSet<int>();
        for (int? current = parentId; current is { } id; current = parents.GetValueOrDefault(id))
        {
            if (id == categoryId || !seen.Add(id))
            {
                return true;
            }
        }

        return false;
    }
}
