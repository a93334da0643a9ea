using System.Text.Json.Nodes;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Data;
using HeadlessCms.Data.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.ApiKeys;

/// <summary>Admins issue and revoke API keys.</summary>
public static class ApiKeyEndpoints
{
    public const string ListName = "ListApiKeys";
    public const string RevokeName = "RevokeApiKey";

    private static readonly SortOptions<ApiKey> Sorts = new("-createdAt", SortKey.For<ApiKey, DateTime>("createdAt", k => k.CreatedAt, k => k.Id));

    public static void MapManageApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/api-keys").WithManagement(ApiKeyAuthentication.AdminPolicy)
            .WithTag("API keys (admin)", "Issue and revoke API keys. Needs an admin key.")
            .WithRequestExamples<ApiKeyRequest>(("Editor key", new JsonObject { ["name"] = "Newsdesk laptop", ["role"] = "editor" }));
        group.MapGet("/", List).WithName(ListName).WithSummary("List API keys").WithSortValues(Sorts);
        group.MapPost("/", Create).WithName("CreateApiKey").WithSummary("Issue an API key")
            .WithDescription("The key is in the response's `key` field, once; only its hash is stored.");
        group.MapDelete("/{id:int}", Revoke).WithName(RevokeName).WithSummary("Revoke an API key")
            .WithDescription("The key stops working on the next request.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<Paged<ApiKeyResponse>>, ValidationProblem>> List(
        [AsParameters] PageQuery paging, CmsDbContext db, Pager pager, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        var page = pager.Parse(http.Request, paging, Sorts);
        if (page.Request is not { } request)
        {
            return Problems.Invalid(page.Errors);
        }

        var projection = ApiKeyResponse.Projection(ItemUrlPrefix(links, http));
        return TypedResults.Ok(await pager.PageAsync(http, db.ApiKeys, request, projection, cancellationToken));
    }

    public static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> Create(
        ApiKeyRequest request, CmsDbContext db, TimeProvider time, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        var key = ApiKeyAuthentication.NewKey();
        var apiKey = new ApiKey
        {
            Name = request.Name.Trim(),
            Role = request.Role,
            KeyHash = ApiKeyAuthentication.Hash(key),
            Prefix = ApiKeyAuthentication.PrefixOf(key),
            CreatedAt = time.UtcNow(),
        };
        db.ApiKeys.Add(apiKey);
        await db.SaveChangesAsync(cancellationToken);
        // A key has no URL to GET (only one to DELETE, its self link), so Location names the list it now appears in.
        var self = ItemUrlPrefix(links, http) + apiKey.Id;
        return TypedResults.Created(links.Of(http, ListName),
            new CreatedApiKey(apiKey.Id, apiKey.Name, apiKey.Role, apiKey.Prefix, apiKey.CreatedAt, key, new SelfLink(self)));
    }

    /// <summary>A key's own URL (where it is revoked) is this + id.</summary>
    private static string ItemUrlPrefix(LinkGenerator links, HttpContext http) => links.Prefix(http, RevokeName, "id");

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(int id, CmsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var revoked = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, time.UtcNow()), cancellationToken);
        return revoked == 0 ? Problems.NotFound($"There is no active API key with id {id}.") : TypedResults.NoContent();
    }
}
