using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HeadlessCms.Api.Tests.Fixtures;

/// <summary>Arranges content through the management API, as an editor would. Every name is unique per call.</summary>
public sealed class Content(HttpClient editor)
{
    private static int counter;

    public static string Unique(string stem) => $"{stem}-{Interlocked.Increment(ref counter)}-{Guid.NewGuid().ToString("N")[..6]}";

    public async Task<JsonElement> CategoryAsync(string? name = null, int? parentId = null)
    {
        var response = await editor.PostAsJsonAsync("/api/v1/manage/categories", new { name = name ?? Unique("Category"), parentId }, TestContext.Current.CancellationToken);
        return await response.AssertJsonAsync(HttpStatusCode.Created);
    }

    public async Task<JsonElement> DraftAsync(int categoryId, string? title = null, string? body = null, string? slug = null, string? summary = null, string? author = null)
    {
        var response = await editor.PostAsJsonAsync("/api/v1/manage/articles", new
        {
            title = title ?? Unique("Article"),
            slug,
            body = body ?? "The council met on Monday. It approved the budget. Residents welcomed the decision.",
            categoryId,
            author,
            summary,
        }, TestContext.Current.CancellationToken);
        return await response.AssertJsonAsync(HttpStatusCode.Created);
    }

    public async Task<JsonElement> PublishAsync(int id, DateTimeOffset? publishAt = null)
    {
        var response = await editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/publish", publishAt is null ? null : new { publishAt });
        return await response.AssertJsonAsync();
    }

    public async Task<JsonElement> PublishedAsync(int categoryId, DateTimeOffset? publishAt = null, string? title = null, string? body = null, string? summary = null, string? author = null)
    {
        var draft = await DraftAsync(categoryId, title, body, summary: summary, author: author);
        return await PublishAsync(draft.GetProperty("id").GetInt32(), publishAt ?? DateTimeOffset.UtcNow.AddMinutes(-1));
    }
}
