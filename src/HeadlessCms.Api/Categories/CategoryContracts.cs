using HeadlessCms.Api.Infrastructure.Paging;

namespace HeadlessCms.Api.Categories;

public sealed record CategoryListItem(int Id, string Slug, string Name, string? Description, string? ParentSlug, DateTime CreatedAt, DateTime UpdatedAt, SelfLink Links);

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
    DateTime CreatedAt, DateTime UpdatedAt, long Version, int ArticleCount, IReadOnlyList<CategoryChild> Children, SelfLink Links);
