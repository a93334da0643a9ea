using System.Text.Json;
using HeadlessCms.Api.Articles;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Summaries;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using HeadlessCms.Data.Categories;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Demo;

/// <summary>Fills an empty database with news written for this project, so a front end has something to page through.</summary>
public sealed class DemoContentSeeder(CmsDbContext db, SummaryService summaries, TimeProvider time, ILogger<DemoContentSeeder> logger)
{
    private const string ResourceName = "HeadlessCms.Api.Demo.demo-content.json";

    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.Categories.AnyAsync(cancellationToken) || await db.Articles.AnyAsync(cancellationToken))
        {
            return;
        }

        await using var stream = typeof(DemoContentSeeder).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The demo content resource {ResourceName} is missing.");
        var content = await JsonSerializer.DeserializeAsync<DemoContent>(stream, JsonSerializerOptions.Web, cancellationToken)
            ?? throw new InvalidOperationException("The demo content is empty.");

        var now = time.UtcNow();
        var categories = new Dictionary<string, Category>(StringComparer.Ordinal);
        foreach (var c in content.Categories)
        {
            var category = new Category
            {
                Name = c.Name,
                Slug = c.Slug,
                Description = c.Description,
                Parent = c.ParentSlug is null ? null : categories[c.ParentSlug],
                CreatedAt = now,
                UpdatedAt = now,
            };
            categories[c.Slug] = category;
            db.Categories.Add(category);
        }

        foreach (var a in content.Articles)
        {
            var publishedAt = Clock.Truncate(now.AddDays(-a.PublishedDaysAgo));
            // Written (created and updated) when it was published; its summary is made now.
            var body = MarkdownRenderer.TryRender(a.Body, out var rendered, out var refusal)
                ? rendered
                : throw new InvalidOperationException($"Demo article '{a.Slug}': {refusal}");
            var article = Article.Draft(a.Title, a.Slug, body, categories[a.CategorySlug], a.Author, a.FeaturedImageUrl, null, publishedAt);
            if (a.Summary is { } editorSummary)
            {
                article.SetEditorSummary(editorSummary, now);
            }

            article.Publish(publishedAt, now, summaries);
            // Async: on PostgreSQL the id comes from a HiLo block, which may need a round trip to the database.
            await db.Articles.AddAsync(article, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded demo content: {Categories} categories, {Articles} articles.", content.Categories.Count, content.Articles.Count);
    }

    private sealed record DemoContent(List<DemoCategory> Categories, List<DemoArticle> Articles);

    private sealed record DemoCategory(string Slug, string Name, string? Description, string? ParentSlug);

    private sealed record DemoArticle(string Slug, string Title, string? Author, string CategorySlug, double PublishedDaysAgo,
        string? FeaturedImageUrl, string? Summary, string Body);
}
