using System.Linq.Expressions;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Data;
using HeadlessCms.Data.Categories;

namespace HeadlessCms.Api.Categories;

public sealed record CategoryListItem(int Id, string Slug, string Name, string? Description, string? ParentSlug, DateTime CreatedAt, DateTime UpdatedAt, SelfLink Links)
{
    /// <param name="itemUrlPrefix">+ slug is the category's URL.</param>
    public static Expression<Func<Category, CategoryListItem>> Projection(string itemUrlPrefix) => c => new CategoryListItem(
        c.Id, c.Slug, c.Name, c.Description, c.Parent != null ? c.Parent.Slug : null, c.CreatedAt, c.UpdatedAt, new SelfLink(itemUrlPrefix + c.Slug));
}

public sealed record CategoryChild(int Id, string Slug, string Name, string? Description);

public sealed record CategoryDetail(int Id, string Slug, string Name, string? Description, string? ParentSlug, DateTime CreatedAt, DateTime UpdatedAt,
    IReadOnlyList<CategoryChild> Children, CategoryLinks Links);

public sealed record CategoryLinks(string Self, string Articles);

/// <param name="Name">1-100 characters.</param>
/// <param name="Slug">Optional; made from the name when omitted.</param>
/// <param name="Description">Optional, at most 500 characters.</param>
/// <param name="ParentId">Optional parent category; must not make a cycle.</param>
public sealed record CategoryRequest(string Name, string? Slug, string? Description, int? ParentId);

public sealed record ManagedCategory(int Id, string Name, string Slug, string? Description, int? ParentId, string? ParentSlug,
    DateTime CreatedAt, DateTime UpdatedAt, long Version, int ArticleCount, IReadOnlyList<CategoryChild> Children, SelfLink Links)
{
    /// <param name="db">Counts the category's articles in the same query.</param>
    /// <param name="itemUrlPrefix">+ id is the category's management URL.</param>
    public static Expression<Func<Category, ManagedCategory>> Projection(CmsDbContext db, string itemUrlPrefix) => c => new ManagedCategory(
        c.Id, c.Name, c.Slug, c.Description, c.ParentId, c.Parent != null ? c.Parent.Slug : null, c.CreatedAt, c.UpdatedAt, c.Version,
        db.Articles.Count(a => a.CategoryId == c.Id),
        c.Children.OrderBy(k => k.Name).ThenBy(k => k.Id).Select(k => new CategoryChild(k.Id, k.Slug, k.Name, k.Description)).ToList(),
        new SelfLink(itemUrlPrefix + c.Id));
}
