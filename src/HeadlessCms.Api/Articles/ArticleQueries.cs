using System.ComponentModel;
using CultureInfo = System.Globalization.CultureInfo;
using DateTimeStyles = System.Globalization.DateTimeStyles;
using HeadlessCms.Api.Categories;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace HeadlessCms.Api.Articles;

/// <summary>Filters of the article lists. Values bind as text so a bad one gets a problem naming the field.</summary>
public sealed class ArticleFilters
{
    /// <summary>A category slug; includes its subcategories.</summary>
    [Description("A category slug; includes its subcategories.")]
    public string? Category { get; init; }

    [Description("Exact author byline.")]
    public string? Author { get; init; }

    [Description("Only articles published at or after this ISO 8601 time.")]
    public string? PublishedFrom { get; init; }

    [Description("Only articles published at or before this ISO 8601 time.")]
    public string? PublishedTo { get; init; }

    [Description("Full-text search over title, summary and body; sort=relevance ranks by match.")]
    public string? Q { get; init; }
}

/// <summary>Articles narrowed by the filters of a list, the sorts that list accepts, and what was wrong with the filters.</summary>
public sealed record FilteredArticles(IQueryable<Article> Query, SortOptions<Article> Sorts, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>Sections with more categories are walked as one filtered range: a UNION of that many walks costs more to plan than it saves.</summary>
    public const int MaxMergedCategories = 50;

    /// <summary>The categories the list is restricted to (a section and its subsections), if any.</summary>
    public IReadOnlyList<int>? CategoryIds { get; init; }

    /// <summary>True when the list is a full-text search.</summary>
    public bool Searched { get; init; }

    /// <summary>
    /// On PostgreSQL, a list over several categories is read as one index walk per category (IX_Articles_VisibleByCategory)
    /// merged in order, so a rare section costs what a page costs; walking the newest-first index filtering by category
    /// would read pageSize / share rows. SQLite gets the plain query.
    /// </summary>
    /// <remarks>Not with a search: its matches are found through the GIN index (or a common word's walk) instead.</remarks>
    public IReadOnlyList<IQueryable<Article>>? Parts(CmsDbContext db) =>
        db.IsPostgres && !Searched && CategoryIds is { Count: > 1 and <= MaxMergedCategories } ids
            ? [.. ids.Select(id => Query.Where(a => a.CategoryId == id))]
            : null;
}

public static class ArticleQueries
{
    public const int MaxQueryLength = 200;
    private static readonly DateTime NoDate = new(1, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static IQueryable<Article> Visible(this IQueryable<Article> articles, DateTime now) =>
        articles.Where(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now);

    public static readonly SortOptions<Article> DeliverySorts = new("-publishedAt",
        SortKey.For<Article, DateTime>("publishedAt", a => a.PublishedAt!.Value, a => a.Id),
        SortKey.For<Article, DateTime>("updatedAt", a => a.UpdatedAt, a => a.Id),
        SortKey.For<Article, string>("title", a => a.Title, a => a.Id));

    public static readonly SortOptions<Article> ManagementSorts = new("-updatedAt",
        SortKey.For<Article, DateTime>("updatedAt", a => a.UpdatedAt, a => a.Id),
        SortKey.For<Article, DateTime>("publishedAt", a => a.PublishedAt ?? NoDate, a => a.Id),
        SortKey.For<Article, string>("title", a => a.Title, a => a.Id),
        SortKey.For<Article, DateTime>("createdAt", a => a.CreatedAt, a => a.Id));

    /// <summary>
    /// With a search on PostgreSQL, results can also be ranked by relevance (ties broken by id). The key is the negated
    /// rank, so sort=relevance reads as one expects: best match first.
    /// </summary>
    public static SortOptions<Article> WithRelevance(SortOptions<Article> sorts, string defaultSort, string query) =>
        new(defaultSort, [.. sorts.Keys, SortKey.For<Article, float>("relevance",
            a => -EF.Property<NpgsqlTsVector>(a, CmsDbContext.SearchVector).Rank(EF.Functions.WebSearchToTsQuery("english", query)), a => a.Id)]);

    /// <summary>
    /// Applies the filters, or reports which are invalid, and gives the sorts the list then accepts (a valid search
    /// adds relevance on PostgreSQL).
    /// </summary>
    public static async Task<FilteredArticles> FilterAsync(this IQueryable<Article> articles, CmsDbContext db, SearchTerms searchTerms,
        ArticleFilters filters, SortOptions<Article> sorts, CancellationToken cancellationToken, IReadOnlyList<int>? categoryIds = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (filters.Category is { } categorySlug)
        {
            var ids = await CategoryTree.WithDescendantsAsync(db, categorySlug, cancellationToken);
            if (ids is null)
            {
                errors["category"] = [$"There is no category with the slug '{Shorten(categorySlug)}'."];
            }
            else
            {
                articles = ids.Count == 1 ? articles.Where(a => a.CategoryId == ids[0]) : articles.Where(a => ids.Contains(a.CategoryId));
                // Within a section page's own categories, the narrower set is what the merge walks.
                categoryIds = categoryIds is null ? ids : [.. categoryIds.Intersect(ids)];
            }
        }

        if (filters.Author is { } author)
        {
            articles = articles.Where(a => a.Author == author);
        }

        if (ParseTime(filters.PublishedFrom, "publishedFrom", errors) is { } from)
        {
            articles = articles.Where(a => a.PublishedAt >= from);
        }

        if (ParseTime(filters.PublishedTo, "publishedTo", errors) is { } to)
        {
            articles = articles.Where(a => a.PublishedAt <= to);
        }

        if (filters.Q is { } q)
        {
            if (string.IsNullOrWhiteSpace(q) || q.Length > MaxQueryLength)
            {
                errors["q"] = [$"q must be 1 to {MaxQueryLength} characters."];
            }
            else if (db.IsPostgres)
            {
                if (await searchTerms.RareMatchesAsync(db, q, cancellationToken) is { } few)
                {
                    // A rare word: its few matches by primary key, then ordered; the tsvector test below stays exact.
                    articles = articles.Where(a => few.Contains(a.Id));
                }

                articles = articles.Where(a => EF.Property<NpgsqlTsVector>(a, CmsDbContext.SearchVector).Matches(EF.Functions.WebSearchToTsQuery("english", q)));
                sorts = WithRelevance(sorts, sorts.DefaultSort, q);
            }
            else
            {
                // SQLite: a plain case-insensitive substring match is the documented fallback.
                var pattern = "%" + q.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
                articles = articles.Where(a => EF.Functions.Like(a.Title, pattern, "\\")
                    || EF.Functions.Like(a.Body, pattern, "\\")
                    || (a.Summary != null && EF.Functions.Like(a.Summary.Text, pattern, "\\")));
            }
        }

        return new FilteredArticles(articles, sorts, errors) { CategoryIds = categoryIds, Searched = filters.Q is not null };
    }


    private static DateTime? ParseTime(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value.UtcDateTime;
        }

        errors[field] = [$"{field} must be an ISO 8601 date or time, such as 2026-01-31 or 2026-01-31T08:00:00Z."];
        return null;
    }

    internal static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
