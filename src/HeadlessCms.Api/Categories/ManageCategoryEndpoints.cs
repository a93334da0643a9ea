using System.Text.Json.Nodes;
using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Articles;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Data;
using HeadlessCms.Data.Categories;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Categories;

/// <summary>The editors' API for the category hierarchy.</summary>
public static class ManageCategoryEndpoints
{
    public const string GetByIdName = "GetManagedCategory";

    public static void MapManageCategories(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/categories").WithManagement(ApiKeyAuthentication.EditorPolicy)
            .WithTag("Categories (management)", "Create, rename, move and delete categories. Needs an API key.").WithETagOn<ManagedCategory>()
            .WithRequestExamples<CategoryRequest>(("Category", new JsonObject { ["name"] = "Local politics", ["description"] = "Council, mayor and elections.", ["parentId"] = null }));
        group.MapGet("/", List).WithName("ListManagedCategories").WithSummary("List categories").WithSortValues(CategoryEndpoints.Sorts);
        group.MapGet("/{id:int}", Get).WithName(GetByIdName).WithSummary("Get a category").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", Create).WithName("CreateCategory").WithSummary("Create a category")
            .WithDescription("The slug is made from the name when omitted; parentId places it under another category.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:int}", Update).WithName("UpdateCategory").WithSummary("Replace a category's fields")
            .WithDescription("A parent that would make a cycle is refused with 400. Honours If-Match.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{id:int}", Delete).WithName("DeleteCategory").WithSummary("Delete an empty category")
            .WithDescription("A category that still has articles or subcategories is refused with 409, saying how many.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    public static async Task<Results<Ok<Paged<ManagedCategory>>, ValidationProblem>> List(
        [AsParameters] PageQuery paging, CmsDbContext db, Pager pager, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        var page = pager.Parse(http.Request, paging, CategoryEndpoints.Sorts);
        if (page.Request is not { } request)
        {
            return Problems.Invalid(page.Errors);
        }

        return TypedResults.Ok(await pager.PageAsync(http, db.Categories, request, ManagedCategory.Projection(db, ItemUrlPrefix(links, http)), cancellationToken));
    }

    public static async Task<Results<Ok<ManagedCategory>, ProblemHttpResult>> Get(
        int id, CmsDbContext db, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        var category = await Find(db, id, links, http, cancellationToken);
        if (category is null)
        {
            return CategoryNotFound(id);
        }

        ETags.Set(http, category.Version);
        return TypedResults.Ok(category);
    }

    public static async Task<Results<Created<ManagedCategory>, ValidationProblem, ProblemHttpResult>> Create(
        CategoryRequest request, CmsDbContext db, TimeProvider time, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        if (request.ParentId is { } parentId && !await db.Categories.AnyAsync(c => c.Id == parentId, cancellationToken))
        {
            return Problems.Invalid("parentId", $"There is no category with id {parentId}.");
        }

        if (request.Slug is { } wanted && await db.Categories.IsTakenAsync(wanted, cancellationToken))
        {
            return SlugTaken(wanted);
        }

        var now = time.UtcNow();
        var madeFrom = request.Slug is null ? Slugs.From(request.Name) : null;
        var category = new Category
        {
            Name = request.Name.Trim(),
            Slug = request.Slug ?? await db.Categories.FreeAsync(madeFrom!, cancellationToken),
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            ParentId = request.ParentId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Categories.Add(category);
        await Slugs.SaveNewAsync(db, category, madeFrom, cancellationToken);

        var created = (await Find(db, category.Id, links, http, cancellationToken))!;
        ETags.Set(http, created.Version);
        return TypedResults.Created(created.Links.Self, created);
    }

    public static async Task<Results<Ok<ManagedCategory>, ValidationProblem, ProblemHttpResult>> Update(
        int id, CategoryRequest request, CmsDbContext db, TimeProvider time, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        var category = await db.Categories.AsTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return CategoryNotFound(id);
        }

        if (!ETags.PreconditionHolds(http, db, category, category.Version))
        {
            return Problems.PreconditionFailed();
        }

        if (request.ParentId is { } parentId)
        {
            if (!await db.Categories.AnyAsync(c => c.Id == parentId, cancellationToken))
            {
                return Problems.Invalid("parentId", $"There is no category with id {parentId}.");
            }

            if (await CategoryTree.WouldCycleAsync(db, id, parentId, cancellationToken))
            {
                return Problems.Invalid("parentId", "That parent would make a cycle: a category cannot sit under itself or one of its descendants.");
            }
        }

        if (request.Slug is { } slug && slug != category.Slug && await db.Categories.IsTakenAsync(slug, cancellationToken))
        {
            return SlugTaken(slug);
        }

        category.Name = request.Name.Trim();
        category.Slug = request.Slug ?? category.Slug;
        category.Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim();
        category.ParentId = request.ParentId;
        category.Touch(time.UtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var updated = (await Find(db, id, links, http, cancellationToken))!;
        ETags.Set(http, updated.Version);
        return TypedResults.Ok(updated);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, CmsDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var category = await db.Categories.AsTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is null)
        {
            return CategoryNotFound(id);
        }

        if (!ETags.PreconditionHolds(http, db, category, category.Version))
        {
            return Problems.PreconditionFailed();
        }

        var articles = await db.Articles.CountAsync(a => a.CategoryId == id, cancellationToken);
        var children = await db.Categories.CountAsync(c => c.ParentId == id, cancellationToken);
        if (articles > 0 || children > 0)
        {
            return Problems.Conflict($"The category still has {articles} article(s) and {children} subcategory(ies); move or delete them first.");
        }

        db.Categories.Remove(category);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }


    private static string ItemUrlPrefix(LinkGenerator links, HttpContext http) => links.Prefix(http, GetByIdName, "id");

    private static Task<ManagedCategory?> Find(CmsDbContext db, int id, LinkGenerator links, HttpContext http, CancellationToken cancellationToken) =>
        db.Categories.Where(c => c.Id == id).Select(ManagedCategory.Projection(db, ItemUrlPrefix(links, http))).FirstOrDefaultAsync(cancellationToken);

    private static ProblemHttpResult CategoryNotFound(int id) => Problems.NotFound($"There is no category with id {id}.");

    private static ProblemHttpResult SlugTaken(string slug) => Problems.Conflict($"The slug '{slug}' is already used by another category.");
}
