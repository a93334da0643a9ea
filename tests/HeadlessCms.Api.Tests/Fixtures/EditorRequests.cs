using System.Net.Http.Json;

namespace HeadlessCms.Api.Tests.Fixtures;

/// <summary>
/// For each management operation, a request an editor may make and that succeeds: real ids, a valid body. So "an
/// editor is allowed" is checked as a 2xx, not merely as "not 401/403", which a 404 or a 500 would also pass.
/// </summary>
public static class EditorRequests
{
    /// <summary>"METHOD /path" with route constraints dropped, e.g. "PUT /api/v1/manage/articles/{id}".</summary>
    public static string Operation(string method, string pattern) =>
        $"{method} /{pattern.TrimStart('/').TrimEnd('/').Replace(":int}", "}", StringComparison.Ordinal)}";

    public static async Task<HttpRequestMessage> ValidAsync(string operation, Content content)
    {
        var (method, path) = (operation.Split(' ')[0], operation.Split(' ')[1]);
        const string Articles = "/api/v1/manage/articles";
        const string Categories = "/api/v1/manage/categories";
        async Task<int> CategoryAsync() => (await content.CategoryAsync()).GetProperty("id").GetInt32();
        async Task<int> DraftAsync() => (await content.DraftAsync(await CategoryAsync())).GetProperty("id").GetInt32();
        async Task<int> PublishedAsync(string? summary = null) => (await content.PublishedAsync(await CategoryAsync(), summary: summary)).GetProperty("id").GetInt32();
        HttpRequestMessage To(string url, object? body = null) =>
            new(new HttpMethod(method), url) { Content = body is null ? null : JsonContent.Create(body) };

        return operation switch
        {
            _ when method == "GET" && !path.Contains('{', StringComparison.Ordinal) => To(path),
            $"POST {Articles}" => To(path, new { title = Content.Unique("Allowed"), body = "Body.", categoryId = await CategoryAsync() }),
            $"GET {Articles}/{{id}}" or $"DELETE {Articles}/{{id}}" or $"POST {Articles}/{{id}}/publish" => To($"{Articles}/{await DraftAsync()}" + Tail(path)),
            $"PUT {Articles}/{{id}}" => To($"{Articles}/{await DraftAsync()}", new { title = Content.Unique("Allowed"), body = "Body.", categoryId = await CategoryAsync() }),
            $"POST {Articles}/{{id}}/unpublish" or $"POST {Articles}/{{id}}/archive" or $"GET {Articles}/{{id}}/summary" or $"POST {Articles}/{{id}}/summary/generate" =>
                To($"{Articles}/{await PublishedAsync()}" + Tail(path)),
            $"PUT {Articles}/{{id}}/summary" => To($"{Articles}/{await PublishedAsync()}/summary", new { text = "An editor's summary." }),
            $"DELETE {Articles}/{{id}}/summary" => To($"{Articles}/{await PublishedAsync("To be removed.")}/summary"),
            $"POST {Categories}" => To(path, new { name = Content.Unique("Allowed") }),
            $"GET {Categories}/{{id}}" or $"DELETE {Categories}/{{id}}" => To($"{Categories}/{await CategoryAsync()}"),
            $"PUT {Categories}/{{id}}" => To($"{Categories}/{await CategoryAsync()}", new { name = Content.Unique("Allowed") }),
            _ => throw new InvalidOperationException($"No valid editor request is known for {operation}: add one here."),
        };
    }

    /// <summary>What follows "{id}" in a path: "/publish", "/summary", or nothing.</summary>
    private static string Tail(string path) => path[(path.IndexOf("{id}", StringComparison.Ordinal) + 4)..];

    /// <summary>Asserts a 2xx, showing the body when it is not.</summary>
    public static async Task AssertSucceededAsync(this HttpResponseMessage response, string operation)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{operation}: an editor got {(int)response.StatusCode}, not a 2xx: {body}");
    }
}
