using System.Text.Json.Nodes;
using FluentValidation;
using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Articles;
using HeadlessCms.Api.Categories;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Summaries;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Preview;

/// <param name="ExpiresInMinutes">Optional lifetime of the link, 1 to 10,080 (7 days); default Cms:Preview:DefaultMinutes (60).</param>
public sealed record PreviewRequest(int? ExpiresInMinutes);

public sealed class PreviewRequestValidator : AbstractValidator<PreviewRequest>
{
    public const int MaxMinutes = 7 * 24 * 60;

    public PreviewRequestValidator() =>
        RuleFor(r => r.ExpiresInMinutes).InclusiveBetween(1, MaxMinutes).WithMessage($"expiresInMinutes must be 1 to {MaxMinutes} (7 days).");
}

/// <param name="Token">Opaque and signed; anyone holding it can read the article's working copy until it expires.</param>
/// <param name="Url">GET this (no API key) for the preview.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
public sealed record PreviewLink(string Token, string Url, DateTimeOffset ExpiresAt);

/// <summary>Preview links for unpublished work: made by any key that can read the article, read without a key.</summary>
public static class PreviewEndpoints
{
    public const string GetName = "GetPreview";

    public static void MapPreview(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/manage/articles").WithManagement(ApiKeyAuthentication.AuthorPolicy)
            .WithTag("Articles (management)", "Write, submit, publish, schedule, unpublish and archive articles. Needs an API key; authors change only their own drafts.")
            .WithRequestExamples<PreviewRequest>(("One hour", new JsonObject()), ("A day", new JsonObject { ["expiresInMinutes"] = 1440 }))
            .MapPost("/{id:int}/preview", Create).WithName("CreatePreviewLink").WithSummary("Make a preview link for an article's working copy")
            .WithDescription("Any status. Optional body { \"expiresInMinutes\": 60 } (up to 7 days). The link works on every instance and needs no key.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Not WithDelivery: a preview is never cached anywhere (no output cache, private, no-store).
        app.MapGroup("/api/v1/preview").WithTag("Preview", "Read an unpublished article through a signed preview link; no API key, never cached.").AllowAnonymous().RequireCors(Hosting.DeliveryCorsPolicy).WithValidation()
            .MapGet("/{token}", Get).WithName(GetName).WithSummary("Read an article's working copy through a preview link")
            .WithDescription("The delivery article shape (bodyHtml, summary, navigation) as it would be if published now. Cache-Control: private, no-store; X-Robots-Tag: noindex. An expired, tampered or deleted-article link is 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static async Task<Results<Ok<PreviewLink>, ValidationProblem, ProblemHttpResult>> Create(
        int id, [FromBody] PreviewRequest? request, CmsDbContext db, PreviewTokens tokens, IOptions<CmsOptions> options, TimeProvider time,
        LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        var article = await db.Articles.Where(a => a.Id == id).Select(a => new { a.Id, a.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return ArticleLookup.NotFound(id);
        }

        var expiresAt = time.GetUtcNow().AddMinutes(request?.ExpiresInMinutes ?? options.Value.Preview.DefaultMinutes);
        expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds());
        var token = tokens.Create(article.Id, article.CreatedAt, expiresAt);
        return TypedResults.Ok(new PreviewLink(token, links.Of(http, GetName, new { token }), expiresAt));
    }

    public static async Task<Results<Ok<ArticleDetail>, ProblemHttpResult>> Get(
        string token, CmsDbContext db, PreviewTokens tokens, SummaryService summaries, TimeProvider time, LinkGenerator links, HttpContext http,
        CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        var notFound = Problems.NotFound("This preview link is not valid: it may have expired, or its article may be gone. Ask for a new link.");
        if (tokens.Read(token, time.GetUtcNow()) is not { } claim)
        {
            return notFound;
        }

        var article = await db.Articles.Include(a => a.Category).FirstOrDefaultAsync(a => a.Id == claim.ArticleId, cancellationToken);
        if (article is null || article.CreatedAt.Ticks != claim.CreatedAtTicks)
        {
            return notFound;
        }

        var now = time.UtcNow();
        // As if published now: a visible article keeps its time, anything else (draft, scheduled, archived) gets now.
        var publishedAt = article.Status == ArticleStatus.Published && article.PublishedAt <= now ? article.PublishedAt.Value : now;
        var summary = article.Summary ?? article.GenerateSummary(summaries, now);
        var visible = db.Articles.Visible(now).Where(a => a.Id != article.Id);
        var previous = await visible.Where(a => a.PublishedAt <= publishedAt && (a.PublishedAt < publishedAt || a.Id < article.Id))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.Slug, a.Title, PublishedAt = a.PublishedAt!.Value }).FirstOrDefaultAsync(cancellationToken);
        var next = await visible.Where(a => a.PublishedAt >= publishedAt && (a.PublishedAt > publishedAt || a.Id > article.Id))
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id)
            .Select(a => new { a.Slug, a.Title, PublishedAt = a.PublishedAt!.Value }).FirstOrDefaultAsync(cancellationToken);

        var baseUrl = ArticleEndpoints.ItemUrlPrefix(links, http);
        var category = new CategoryRef(article.CategoryId, article.Category!.Slug, article.Category.Name);
        return TypedResults.Ok(new ArticleDetail(
            article.Id, article.Slug, article.Title, article.Author, category, publishedAt, article.UpdatedAt,
            Words.ReadingMinutes(article.WordCount), article.FeaturedImageUrl, article.Body, article.BodyHtml ?? MarkdownRenderer.AsText(article.Body).Html,
            new SummaryRef(summary.Text, SummarySourceNames.Of(summary.Source)),
            new ArticleLinks(baseUrl + article.Slug, links.Of(http, SummaryEndpoints.GetForArticleName, new { slug = article.Slug }),
                links.Of(http, CategoryEndpoints.GetBySlugName, new { slug = category.Slug })),
            new Navigation(
                previous is null ? null : new Neighbour(previous.Slug, previous.Title, previous.PublishedAt, baseUrl + previous.Slug),
                next is null ? null : new Neighbour(next.Slug, next.Title, next.PublishedAt, baseUrl + next.Slug))));
    }
}
