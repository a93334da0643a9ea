using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using System.Linq.Expressions;
using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Events;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Api.Summaries;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Articles;

/// <summary>Filters of the management article list: the delivery filters plus status.</summary>
public sealed class ManageArticleFilters
{
    [Description("draft, scheduled, published or archived.")]
    [AllowedValues("draft", "scheduled", "published", "archived")]
    public string? Status { get; init; }
}

/// <summary>The editors' API for articles: every status, writes, and the publishing workflow.</summary>
public static class ManageArticleEndpoints
{
    public const string GetByIdName = "GetManagedArticle";
    private static readonly string[] Statuses = ["draft", "scheduled", "published", "archived"];

    public static void MapManageArticles(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/articles").WithTags("Articles (management)").WithManagement(ApiKeyAuthentication.EditorPolicy);
        group.MapGet("/", List).WithName("ListManagedArticles").WithSummary("List articles in every status")
            .WithDescription("Most recently updated first by default; filter by status, category, author, dates or q.")
            .WithSortValues(ArticleQueries.ManagementSorts, searchable: true);
        group.MapGet("/{id:int}", Get).WithName(GetByIdName).WithSummary("Get an article (any status)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", Create).WithName("CreateArticle").WithSummary("Create a draft article")
            .WithDescription("The slug is made from the title when omitted. A summary given here is the editor's summary.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:int}", Update).WithName("UpdateArticle").WithSummary("Replace an article's fields")
            .WithDescription("Send If-Match with the ETag you read to avoid overwriting someone else's change (412 if stale). A new slug keeps the old one as a redirect. Omitting slug keeps the current one; omitting summary keeps the current summary.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{id:int}", Delete).WithName("DeleteArticle").WithSummary("Delete an article")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id:int}/publish", Publish).WithName("PublishArticle").WithSummary("Publish, schedule or backdate an article")
            .WithDescription("Optional body { \"publishAt\": \"...\" }: a future time schedules it (visible from then on, no job needed); a past time backdates it. Default: now, or the existing publish time of an already published article.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id:int}/unpublish", Unpublish).WithName("UnpublishArticle").WithSummary("Return an article to draft")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id:int}/archive", Archive).WithName("ArchiveArticle").WithSummary("Archive an article")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
    }

    public static async Task<Results<Ok<Paged<ManagedArticleListItem>>, ValidationProblem>> List(
        [AsParameters] PageQuery paging, [AsParameters] ArticleFilters filters, [AsParameters] ManageArticleFilters status,
        CmsDbContext db, Pager pager, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        var errors = new Dictionary<string, string[]>();
        var query = await db.Articles.FilterAsync(db, filters, errors, cancellationToken);
        switch (status.Status)
        {
            case null:
                break;
            case "draft":
                query = query.Where(a => a.Status == ArticleStatus.Draft);
                break;
            case "archived":
                query = query.Where(a => a.Status == ArticleStatus.Archived);
                break;
            case "published":
                query = query.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now);
                break;
            case "scheduled":
                query = query.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt > now);
                break;
            default:
                errors["status"] = [$"Unknown status. Allowed: {string.Join(", ", Statuses)}."];
                break;
        }

        var request = pager.Parse(http.Request, paging, ArticleQueries.SortsFor(ArticleQueries.ManagementSorts, db, filters), errors);
        if (request is null)
        {
            return Problems.Invalid(errors);
        }

        var baseUrl = Urls.ManageArticles(http.Request);
        Expression<Func<Article, ManagedArticleListItem>> projection = a => new ManagedArticleListItem(
            a.Id, a.Title, a.Slug, a.Author,
            new CategoryRef(a.Category!.Id, a.Category.Slug, a.Category.Name),
            a.Status == ArticleStatus.Draft ? "draft" : a.Status == ArticleStatus.Archived ? "archived" : a.PublishedAt > now ? "scheduled" : "published",
            a.PublishedAt, a.CreatedAt, a.UpdatedAt, a.Version, a.Summary != null,
            new SelfLink(baseUrl + a.Id));
        return TypedResults.Ok(await pager.PageAsync(http, query, request, projection, cancellationToken));
    }

    public static async Task<Results<Ok<ManagedArticle>, ProblemHttpResult>> Get(int id, CmsDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var article = await Load(db, id, tracking: false, cancellationToken);
        return article is null ? ArticleNotFound(id) : Respond(http, article, time);
    }

    public static async Task<Results<Created<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Create(
        ArticleRequest request, CmsDbContext db, SummaryService summaries, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var category = await db.Categories.AsTracking().FirstOrDefaultAsync(c => c.Id == request.CategoryId, cancellationToken);
        if (category is null)
        {
            return Problems.Invalid("categoryId", $"There is no category with id {request.CategoryId}.");
        }

        if (request.Slug is { } wanted && await db.Articles.AnyAsync(a => a.Slug == wanted, cancellationToken))
        {
            return SlugTaken(wanted);
        }

        var now = time.UtcNow();
        var madeSlug = Slugs.From(request.Title);
        var article = new Article
        {
            Title = request.Title.Trim(),
            Slug = request.Slug ?? Slugs.FirstFree(madeSlug, await TakenLikeAsync(db, madeSlug, cancellationToken)),
            Body = request.Body,
            WordCount = MarkdownRenderer.CountWords(request.Body),
            Author = Blank(request.Author),
            FeaturedImageUrl = request.FeaturedImageUrl,
            CategoryId = category.Id,
            Category = category,
            Status = ArticleStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (request.Summary is { } summary)
        {
            article.Summary = summaries.FromEditor(article, summary);
        }

        db.Articles.Add(article);
        ContentEvents.Article(http, ContentEventTypes.ArticleCreated, article, now, wasVisible: false);
        if (request.Slug is null)
        {
            await Slugs.SaveWithMadeSlugAsync(db, madeSlug, () => article.Slug, slug => article.Slug = slug, (stem, ct) => TakenLikeAsync(db, stem, ct), cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        SetETag(http, article);
        return TypedResults.Created(Urls.ManageArticles(http.Request) + article.Id, ToManaged(article, time.UtcNow(), Urls.ManageArticles(http.Request)));
    }

    public static async Task<Results<Ok<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Update(
        int id, ArticleRequest request, CmsDbContext db, SummaryService summaries, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var article = await Load(db, id, tracking: true, cancellationToken);
        if (article is null)
        {
            return ArticleNotFound(id);
        }

        if (!ETags.PreconditionHolds(http, db, article, article.Version))
        {
            return Problems.PreconditionFailed();
        }

        var now = time.UtcNow();
        var wasVisible = ContentEvents.IsVisible(article, now);
        var oldSlug = article.Slug;
        var oldSummary = article.Summary?.Text;
        if (article.CategoryId != request.CategoryId)
        {
            var category = await db.Categories.AsTracking().FirstOrDefaultAsync(c => c.Id == request.CategoryId, cancellationToken);
            if (category is null)
            {
                return Problems.Invalid("categoryId", $"There is no category with id {request.CategoryId}.");
            }

            article.CategoryId = category.Id;
            article.Category = category;
        }

        if (request.Slug is { } slug && slug != article.Slug)
        {
            if (await db.Articles.AnyAsync(a => a.Slug == slug, cancellationToken))
            {
                return SlugTaken(slug);
            }

            await RetireSlugAsync(db, article, slug, now, cancellationToken);
        }

        article.Title = request.Title.Trim();
        article.Author = Blank(request.Author);
        article.FeaturedImageUrl = request.FeaturedImageUrl;
        if (article.Body != request.Body)
        {
            article.Body = request.Body;
            article.WordCount = MarkdownRenderer.CountWords(request.Body);
            article.BodyVersion++;
        }

        if (request.Summary is { } summary && (article.Summary?.Source != SummarySource.Editor || article.Summary.Text != summary.Trim() || article.IsSummaryStale))
        {
            article.Summary = summaries.FromEditor(article, summary);
        }

        summaries.Refresh(article);
        article.Touch(now);
        ContentEvents.Article(http, ContentEventTypes.ArticleUpdated, article, now, wasVisible);
        if (article.Slug != oldSlug)
        {
            ContentEvents.Article(http, ContentEventTypes.ArticleSlugChanged, article, now, wasVisible, previousSlug: oldSlug);
        }

        if (article.Summary?.Text != oldSummary)
        {
            ContentEvents.Article(http, ContentEventTypes.ArticleSummaryChanged, article, now, wasVisible);
        }

        await db.SaveChangesAsync(cancellationToken);
        SetETag(http, article);
        return TypedResults.Ok(ToManaged(article, now, Urls.ManageArticles(http.Request)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, CmsDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsTracking().Include(a => a.Category).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
        {
            return ArticleNotFound(id);
        }

        if (!ETags.PreconditionHolds(http, db, article, article.Version))
        {
            return Problems.PreconditionFailed();
        }

        var now = time.UtcNow();
        ContentEvents.Article(http, ContentEventTypes.ArticleDeleted, article, now, ContentEvents.IsVisible(article, now), deleted: true);
        db.Articles.Remove(article);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Publish(
        int id, [FromBody] PublishRequest? request, CmsDbContext db, SummaryService summaries, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        return await Transition(id, db, time, http, article =>
        {
            var publishAt = request?.PublishAt is { } at ? Clock.Truncate(at.UtcDateTime) : (DateTime?)null;
            article.PublishedAt = publishAt ?? (article.Status == ArticleStatus.Published ? article.PublishedAt : null) ?? now;
            article.Status = ArticleStatus.Published;
            // A scheduled article is announced (article.published) by the ScheduledPublisher when its time comes.
            article.PublishAnnounced = article.PublishedAt <= now;
            summaries.Refresh(article);
            return article.PublishAnnounced ? ContentEventTypes.ArticlePublished : ContentEventTypes.ArticleScheduled;
        }, cancellationToken);
    }

    public static Task<Results<Ok<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Unpublish(
        int id, CmsDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        Transition(id, db, time, http, article =>
        {
            article.Status = ArticleStatus.Draft;
            article.PublishedAt = null;
            return ContentEventTypes.ArticleUnpublished;
        }, cancellationToken);

    public static Task<Results<Ok<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Archive(
        int id, CmsDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken) =>
        Transition(id, db, time, http, article =>
        {
            article.Status = ArticleStatus.Archived;
            return ContentEventTypes.ArticleArchived;
        }, cancellationToken);

    private static async Task<Results<Ok<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Transition(
        int id, CmsDbContext db, TimeProvider time, HttpContext http, Func<Article, string> change, CancellationToken cancellationToken)
    {
        var article = await Load(db, id, tracking: true, cancellationToken);
        if (article is null)
        {
            return ArticleNotFound(id);
        }

        if (!ETags.PreconditionHolds(http, db, article, article.Version))
        {
            return Problems.PreconditionFailed();
        }

        var now = time.UtcNow();
        var wasVisible = ContentEvents.IsVisible(article, now);
        var type = change(article);
        ContentEvents.Article(http, type, article, now, wasVisible);
        article.Touch(now);
        await db.SaveChangesAsync(cancellationToken);
        SetETag(http, article);
        return TypedResults.Ok(ToManaged(article, now, Urls.ManageArticles(http.Request)));
    }

    internal static async Task<Article?> Load(CmsDbContext db, int id, bool tracking, CancellationToken cancellationToken)
    {
        var query = db.Articles.Include(a => a.Category).Include(a => a.FormerSlugs).Where(a => a.Id == id);
        return await (tracking ? query.AsTracking() : query).AsSplitQuery().FirstOrDefaultAsync(cancellationToken);
    }


    internal static Results<Ok<ManagedArticle>, ProblemHttpResult> Respond(HttpContext http, Article article, TimeProvider time)
    {
        SetETag(http, article);
        return TypedResults.Ok(ToManaged(article, time.UtcNow(), Urls.ManageArticles(http.Request)));
    }

    internal static void SetETag(HttpContext http, Article article) => http.Response.Headers.ETag = ETags.ForVersion(article.Version);

    internal static ProblemHttpResult ArticleNotFound(int id) => Problems.NotFound($"There is no article with id {id}.");

    internal static string StatusOf(Article article, DateTime now) => article.Status switch
    {
        ArticleStatus.Draft => "draft",
        ArticleStatus.Archived => "archived",
        _ => article.PublishedAt > now ? "scheduled" : "published",
    };

    internal static ManagedSummary? ToManagedSummary(Article article) => article.Summary is { } s
        ? new ManagedSummary(s.Text, s.Source == SummarySource.Editor ? "editor" : "generated", s.Generator, article.IsSummaryStale, s.UpdatedAt)
        : null;

    internal static ManagedArticle ToManaged(Article article, DateTime now, string baseUrl) => new(
        article.Id,
        article.Title,
        article.Slug,
        article.Body,
        article.Author,
        article.FeaturedImageUrl,
        new CategoryRef(article.CategoryId, article.Category!.Slug, article.Category.Name),
        StatusOf(article, now),
        article.PublishedAt,
        article.CreatedAt,
        article.UpdatedAt,
        article.Version,
        ToManagedSummary(article),
        article.FormerSlugs.OrderBy(f => f.RetiredAt).Select(f => f.Slug).ToList(),
        new SelfLink(baseUrl + article.Id));

    private static ProblemHttpResult SlugTaken(string slug) => Problems.Conflict($"The slug '{slug}' is already used by another article.");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The slugs in use that a slug made from <paramref name="baseSlug"/> could collide with.</summary>
    private static Task<List<string>> TakenLikeAsync(CmsDbContext db, string baseSlug, CancellationToken cancellationToken)
    {
        var prefix = baseSlug + "-";
        // A range rather than LIKE: "base-..." sorts between "base-" and "base." in byte order, and a range is an
        // index seek on every provider and collation setting.
        var after = baseSlug + ".";
        return db.Articles.Where(a => a.Slug == baseSlug || (string.Compare(a.Slug, prefix) > 0 && string.Compare(a.Slug, after) < 0))
            .Select(a => a.Slug).ToListAsync(cancellationToken);
    }

    /// <summary>Keeps the current slug as a former slug (for the 301), and frees the new one if this article once had it.</summary>
    private static async Task RetireSlugAsync(CmsDbContext db, Article article, string newSlug, DateTime now, CancellationToken cancellationToken)
    {
        var stale = await db.FormerSlugs.AsTracking().Where(f => f.Slug == article.Slug || f.Slug == newSlug).ToListAsync(cancellationToken);
        foreach (var former in stale)
        {
            article.FormerSlugs.Remove(former);
            db.FormerSlugs.Remove(former);
        }

        article.FormerSlugs.Add(new FormerSlug { Slug = article.Slug, ArticleId = article.Id, RetiredAt = now });
        article.Slug = newSlug;
    }
}
