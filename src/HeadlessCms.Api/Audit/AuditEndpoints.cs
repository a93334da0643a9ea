using System.ComponentModel;
using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Data;
using HeadlessCms.Data.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessCms.Api.Audit;

public sealed class AuditFilters
{
    [Description("The acting API key's id.")]
    public int? Actor { get; init; }

    [Description("An entry type, e.g. article.published or api_key.revoked.")]
    public string? Type { get; init; }

    public int? ArticleId { get; init; }

    [Description("Entries at or after this time.")]
    public DateTimeOffset? From { get; init; }

    [Description("Entries before this time.")]
    public DateTimeOffset? To { get; init; }
}

/// <summary>One audit entry: never a key value, hash or secret, only names and ids. A null actor is the system (demo seeder).</summary>
public sealed record AuditEntryResponse(int Id, DateTime OccurredAt, string Type, Actor? Actor, string Subject, int SubjectId, string? SubjectLabel, long? Version);

/// <summary>The admins' audit trail: who did what, when.</summary>
public static class AuditEndpoints
{
    private static readonly SortOptions<AuditEntry> Sorts = new("-occurredAt",
        SortKey.For<AuditEntry, DateTime>("occurredAt", e => e.OccurredAt, e => e.Id));

    public static void MapAudit(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/manage/audit").WithManagement(ApiKeyAuthentication.AdminPolicy)
            .WithTag("Audit (admin)", "Who changed what, when: articles, categories and API keys. Needs an admin key.")
            .MapGet("/", List).WithName("ListAuditEntries").WithSummary("The audit trail, newest first")
            .WithDescription("Article, category and API-key changes with the key that made them. Filters: actor (key id), type, articleId, from, to.")
            .WithSortValues(Sorts);

    public static async Task<Results<Ok<Paged<AuditEntryResponse>>, ValidationProblem>> List(
        [AsParameters] PageQuery paging, [AsParameters] AuditFilters filters, CmsDbContext db, Pager pager, HttpContext http, CancellationToken cancellationToken)
    {
        var page = pager.Parse(http.Request, paging, Sorts);
        if (page.Request is not { } request)
        {
            return Problems.Invalid(page.Errors);
        }

        var query = db.AuditEntries.AsQueryable();
        if (filters.Actor is { } actor)
        {
            query = query.Where(e => e.ActorKeyId == actor);
        }

        if (!string.IsNullOrEmpty(filters.Type))
        {
            query = query.Where(e => e.Type == filters.Type);
        }

        if (filters.ArticleId is { } articleId)
        {
            query = query.Where(e => e.Subject == "article" && e.SubjectId == articleId);
        }

        if (filters.From is { } from)
        {
            var at = from.UtcDateTime;
            query = query.Where(e => e.OccurredAt >= at);
        }

        if (filters.To is { } to)
        {
            var at = to.UtcDateTime;
            query = query.Where(e => e.OccurredAt < at);
        }

        return TypedResults.Ok(await pager.PageAsync(http, query, request, e => new AuditEntryResponse(
            e.Id, e.OccurredAt, e.Type, e.ActorKeyId == null ? null : new Actor(e.ActorKeyId.Value, e.ActorName ?? ""),
            e.Subject, e.SubjectId, e.SubjectLabel, e.Version), cancellationToken));
    }
}
