using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HeadlessCms.Bench;

/// <summary>
/// The floor of the API's overhead for S1: a bare Kestrel endpoint that runs the SQL EF Core generates for the first
/// page of articles, with raw Npgsql, and writes the same JSON envelope (items, page, links, Link header).
/// </summary>
public static class Baseline
{
    /// <summary>
    /// Copied from the API's EF Core command log (Microsoft.EntityFrameworkCore.Database.Command at Information) for
    /// GET /api/v1/articles?pageSize=20; @p is pageSize + 1.
    /// </summary>
    public const string FirstPageSql = """
        SELECT a0."Id", a0."Slug", a0."Title", a0."Author", c."Id", c."Slug", c."Name", a0."PublishedAt", a0."UpdatedAt", CASE
            WHEN a0."WordCount" < 200 THEN 1
            ELSE (a0."WordCount" + 199) / 200
        END, a0."FeaturedImageUrl", a0."SummaryText", @articleBaseUrl || a0."Slug"
        FROM (
            SELECT a."Id", a."Author", a."CategoryId", a."FeaturedImageUrl", a."PublishedAt", a."Slug", a."Title", a."UpdatedAt", a."WordCount", a."SummaryText"
            FROM "Articles" AS a
            WHERE a."Status" = 'published' AND a."PublishedAt" <= @now
            ORDER BY a."PublishedAt" DESC, a."Id" DESC
            LIMIT @p
        ) AS a0
        INNER JOIN "Categories" AS c ON a0."CategoryId" = c."Id"
        ORDER BY a0."PublishedAt" DESC, a0."Id" DESC
        """;

    private const string SigningKey = "headlesscms-bench-baseline";

    public static async Task<int> RunAsync(string connectionString, string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(urls);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var app = builder.Build();
        app.MapGet("/api/v1/articles", async (HttpContext http, int? pageSize, CancellationToken cancellationToken) =>
        {
            var size = pageSize ?? 20;
            var request = http.Request;
            var baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
            var articleUrl = $"{request.Scheme}://{request.Host}{request.PathBase}/api/v1/articles/";
            var items = new List<ArticleListItem>(size + 1);

            await using (var command = dataSource.CreateCommand(FirstPageSql))
            {
                command.Parameters.AddWithValue("articleBaseUrl", articleUrl);
                command.Parameters.AddWithValue("now", DateTime.UtcNow);
                command.Parameters.AddWithValue("p", size + 1);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var slug = reader.GetString(1);
                    items.Add(new ArticleListItem(
                        reader.GetInt32(0),
                        slug,
                        reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        new CategoryRef(reader.GetInt32(4), reader.GetString(5), reader.GetString(6)),
                        reader.GetFieldValue<DateTime>(7),
                        reader.GetFieldValue<DateTime>(8),
                        reader.GetInt32(9),
                        reader.IsDBNull(10) ? null : reader.GetString(10),
                        reader.IsDBNull(11) ? null : reader.GetString(11),
                        new SelfLink(reader.GetString(12))));
                }
            }

            var more = items.Count > size;
            if (more)
            {
                items.RemoveAt(items.Count - 1);
            }

            var sizeText = size.ToString(CultureInfo.InvariantCulture);
            var first = $"{baseUrl}?pageSize={sizeText}";
            var next = more ? $"{first}&cursor={BenchCursor.After(SigningKey, "-publishedAt", BenchCursor.NoFilters, items[^1].PublishedAt, items[^1].Id)}" : null;
            var last = $"{first}&cursor={BenchCursor.Encode(SigningKey, new CursorPayload(2, "-publishedAt", BenchCursor.NoFilters, null, 0))}";
            http.Response.Headers.Link = next is null
                ? $"<{first}>; rel=\"first\", <{last}>; rel=\"last\""
                : $"<{first}>; rel=\"first\", <{next}>; rel=\"next\", <{last}>; rel=\"last\"";
            return TypedResults.Ok(new Paged<ArticleListItem>(items, new PageInfo(size, null, null, null),
                new PageLinks($"{baseUrl}{request.QueryString}", first, null, next, last)));
        });

        Console.WriteLine($"Baseline listening on {urls}");
        await app.RunAsync();
        return 0;
    }
}

// The API's response records (src/HeadlessCms.Api/Articles/ArticleContracts.cs, Infrastructure/Paging/PageEnvelope.cs).
public sealed record CategoryRef(int Id, string Slug, string Name);

public sealed record SelfLink(string Self);

public sealed record ArticleListItem(int Id, string Slug, string Title, string? Author, CategoryRef Category, DateTime PublishedAt,
    DateTime UpdatedAt, int ReadingTimeMinutes, string? FeaturedImageUrl, string? Summary, SelfLink Links);

public sealed record Paged<T>(IReadOnlyList<T> Items, PageInfo Page, PageLinks Links);

public sealed record PageInfo(int Size, int? Number, int? TotalItems, int? TotalPages);

public sealed record PageLinks(string Self, string? First, string? Prev, string? Next, string? Last);
