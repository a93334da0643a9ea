using System.Linq.Expressions;
using HeadlessCms.Api.Articles;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using HeadlessCms.Data.Categories;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Categories;

/// <summary>The public delivery API for categories and their articles.</summary>
public static class CategoryEndpoints
{
    public const string GetBySlugName = "GetCategory";
    public const string ListArticlesName = "ListCategoryArticles";

    public static readonly SortOptions<Category> Sorts = new("name",
        SortKey.For<Category, string>("name", c => c.Name, c => c.Id),
        SortKey.For<Category, DateTime>("createdAt", c => c.CreatedAt, c => c.Id));

    public static void MapCategories(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/categories")
            .WithTag("Categories (delivery)", "The section hierarchy (World > Europe) and each section's articles.").AllowAnonymous().WithDelivery();
        group.MapGet("/", List).WithName("ListCategories").WithSummary("List categories")
            .WithSortValues(Sorts);
        group.MapGet("/{slug}", GetBySlug).WithName(GetBySlugName).WithSummary("Get a category with its children")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{slug}/articles", ListArticles).WithName(ListArticlesName).WithSummary("List the published articles of a category and its subcategories")
            .WithSortValues(ArticleQueries.DeliverySorts, searchable: true).ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<Paged<CategoryListItem>>, ValidationProblem>> List(
        [AsParameters] PageQuery paging, CmsDbContext db, Pager pager, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        var page = pager.Parse(http.Request, paging, Sorts);
        if (page.Request is not { } request)
        {
            return Problems.Invalid(page.Errors);
        }

        var projection = CategoryListItem.Projection(links.Prefix(http, GetBySlugName, "slug"));
        return TypedResults.Ok(await pager.PageAsync(http, db.Categories, request, projection, cancellationToken));
    }

    public static async Task<Results<Ok<CategoryDetail>, ProblemHttpResult>> GetBySlug(
        string slug, CmsDbContext db, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        var category = await db.Categories.Where(c => c.Slug == slug)
            .Select(c => new
            {
                c.Id, c.Slug, c.Name, c.Description, c.CreatedAt, c.UpdatedAt,
                ParentSlug = c.Parent != null ? c.Parent.Slug : null,
                Children = c.Children.OrderBy(k => k.Name).ThenBy(k => k.Id).Select(k => new CategoryChild(k.Id, k.Slug, k.Name, k.Description)).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (category is null)
        {
            return Problems.NotFound($"There is no category with the slug '{ArticleQueries.Shorten(slug)}'.");
        }

        return TypedResults.Ok(new CategoryDetail(category.Id, category.Slug, category.Name, category.Description, category.ParentSlug,
            category.CreatedAt, category.UpdatedAt, category.Children,
            new CategoryLinks(links.Of(http, GetBySlugName, new { slug = category.Slug }), links.Of(http, ListArticlesName, new { slug = category.Slug }))));
    }

    public static async Task<Results<Ok<Paged<ArticleListItem>>, ValidationProblem, ProblemHttpResult>> ListArticles(
        string slug, [AsParameters] PageQuery paging, [AsParameters] ArticleFilters filters,
        CmsDbContext db, Pager pager, TimeProvider time, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        var ids = await CategoryTree.WithDescendantsAsync(db, slug, cancellationToken);
        if (ids is null)
        {
            return Problems.NotFound($"There is no category with the slug '{ArticleQueries.Shorten(slug)}'.");
        }

        var query = ids.Count == 1
            ? db.Articles.Visible(time.UtcNow()).Where(a => a.CategoryId == ids[0])
            : db.Articles.Visible(time.UtcNow()).Where(a => ids.Contains(a.CategoryId));
        var filtered = await query.FilterAsync(db, filters, ArticleQueries.DeliverySorts, cancellationToken);
        var page = pager.Parse(http.Request, paging, filtered.Sorts);
        if (page.Request is not { } request || filtered.Errors.Count > 0)
        {
            return Problems.Invalid(filtered.Errors, page.Errors);
        }

        return TypedResults.Ok(await pager.PageAsync(http, filtered.Query, request, ArticleListItem.Projection(ArticleEndpoints.ItemUrlPrefix(links, http)), cancellationToken));
    }
}
