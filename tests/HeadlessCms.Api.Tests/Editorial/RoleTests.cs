using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Editorial;

/// <summary>The author role, for every management operation the served OpenAPI document lists, and ownership of drafts.</summary>
public abstract class RoleTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory) where TFactory : CmsApiFactory
{
    /// <summary>What an author may not do at all, whichever article (route-level 403).</summary>
    private static bool AuthorRefused(string method, string path) =>
        path.StartsWith("/api/v1/manage/categories", StringComparison.Ordinal)
        || path.StartsWith("/api/v1/manage/api-keys", StringComparison.Ordinal)
        || path.StartsWith("/api/v1/manage/audit", StringComparison.Ordinal)
        || path.StartsWith("/api/v1/manage/webhooks", StringComparison.Ordinal)
        || (method == "POST" && Regex.IsMatch(path, @"/articles/\{id\}/(publish|unpublish|archive)$"));

    private static bool AdminOnly(string path) =>
        path.StartsWith("/api/v1/manage/api-keys", StringComparison.Ordinal) || path.StartsWith("/api/v1/manage/audit", StringComparison.Ordinal)
        || path.StartsWith("/api/v1/manage/webhooks", StringComparison.Ordinal);

    [Fact]
    public async Task EveryManagementOperationAnswersAnonymousAuthorEditorAndAdminAsTheRolesSay()
    {
        using var anonymous = Factory.CreateAnonymousClient();
        var document = await (await anonymous.GetAsync("/swagger/v1/swagger.json", Ct)).AssertJsonAsync();
        var (_, authorKey) = await Editorial.KeyAsync(Factory, "author");
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/v1/manage", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (Method: m.Name.ToUpperInvariant(), Path: p.Name)))
            .ToList();
        Assert.True(operations.Count >= 25, $"only {operations.Count} management operations documented");
        Assert.Contains(operations, o => o.Path.EndsWith("/submit", StringComparison.Ordinal));
        Assert.Contains(operations, o => o.Path.EndsWith("/restore", StringComparison.Ordinal));

        foreach (var (method, path) in operations)
        {
            // A missing article (404) shows the route let the caller in; ownership is tested on real drafts below.
            var url = path.Replace("{id}", "987654", StringComparison.Ordinal).Replace("{version}", "1", StringComparison.Ordinal)
                .Replace("{deliveryId}", "987654", StringComparison.Ordinal);
            await (await SendAsync(null, method, url)).AssertProblemAsync(HttpStatusCode.Unauthorized);

            var asAuthor = await SendAsync(authorKey, method, url);
            if (AuthorRefused(method, path))
            {
                var problem = await asAuthor.AssertProblemAsync(HttpStatusCode.Forbidden);
                Assert.Contains("author", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(asAuthor.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"author: {method} {path} answered {(int)asAuthor.StatusCode}");
            }

            var asEditor = await SendAsync(Factory.EditorKey, method, url);
            if (AdminOnly(path))
            {
                await asEditor.AssertProblemAsync(HttpStatusCode.Forbidden);
            }
            else
            {
                Assert.True(asEditor.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"editor: {method} {path} answered {(int)asEditor.StatusCode}");
            }

            var asAdmin = await SendAsync(CmsApiFactory.AdminKey, method, url);
            Assert.True(asAdmin.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"admin: {method} {path} answered {(int)asAdmin.StatusCode}");
        }
    }

    [Fact]
    public async Task AnAuthorChangesOnlyItsOwnDraftsAndAnotherAuthorsDraftStaysAsItWas()
    {
        var (aliceId, aliceKey) = await Editorial.KeyAsync(Factory, "author", "Alice");
        var (_, bobKey) = await Editorial.KeyAsync(Factory, "author", "Bob");
        using var alice = Factory.CreateClientWithKey(aliceKey);
        using var bob = Factory.CreateClientWithKey(bobKey);
        var category = (await Content.CategoryAsync()).Id();

        var draft = await new Content(alice).DraftAsync(category, title: "Alice's draft", body: "First words.");
        Assert.Equal(aliceId, draft.GetProperty("createdBy").GetProperty("keyId").GetInt32());
        Assert.Equal("Alice", draft.GetProperty("createdBy").GetProperty("name").GetString());
        var id = draft.Id();

        var edit = new { title = "Bob was here", body = "Overwritten.", categoryId = category };
        var refused = await (await bob.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}", edit)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("created", refused.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        await (await bob.DeleteAsync($"/api/v1/manage/articles/{id}", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await bob.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}/summary", new { text = "Bob's summary" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        var unchanged = await (await alice.GetAsync($"/api/v1/manage/articles/{id}", Ct)).AssertJsonAsync();
        Assert.Equal("Alice's draft", unchanged.GetProperty("title").GetString());
        Assert.Equal(draft.GetProperty("version").GetInt64(), unchanged.GetProperty("version").GetInt64());
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("summary").ValueKind);

        // Alice edits her draft and submits it; she cannot publish it.
        var edited = await (await alice.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}", new { title = "Alice's draft, v2", body = "Better words.", categoryId = category })).AssertJsonAsync();
        var submitted = await (await alice.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/submit", new { note = "Please check the quote." })).AssertJsonAsync();
        Assert.True(submitted.GetProperty("readyForReview").GetBoolean());
        Assert.Equal("Please check the quote.", submitted.GetProperty("reviewNote").GetString());
        await (await alice.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/publish", null)).AssertProblemAsync(HttpStatusCode.Forbidden);

        var queue = await (await Editor.GetAsync("/api/v1/manage/articles?readyForReview=true&pageSize=100", Ct)).AssertJsonAsync();
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.Id() == id);

        // The editor publishes: the flag clears, updatedBy is the editor, and the author may no longer change it.
        var published = await Content.PublishAsync(id);
        Assert.False(published.GetProperty("readyForReview").GetBoolean());
        Assert.Equal("test editor", published.GetProperty("updatedBy").GetProperty("name").GetString());
        Assert.Equal(aliceId, published.GetProperty("createdBy").GetProperty("keyId").GetInt32());
        var afterPublish = await (await alice.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}", new { title = "Sneaky", body = "x", categoryId = category })).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("draft", afterPublish.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        queue = await (await Editor.GetAsync("/api/v1/manage/articles?readyForReview=true&pageSize=100", Ct)).AssertJsonAsync();
        Assert.DoesNotContain(queue.GetProperty("items").EnumerateArray(), i => i.Id() == id);
        Assert.NotEqual(edited.GetProperty("version").GetInt64(), published.GetProperty("version").GetInt64());

        // Revoking Alice's key orphans nothing: the article keeps its owner and editors still act on it.
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/manage/api-keys/{aliceId}", Ct)).StatusCode);
        var unpublished = await (await Editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/unpublish", null)).AssertJsonAsync();
        Assert.Equal(aliceId, unpublished.GetProperty("createdBy").GetProperty("keyId").GetInt32());
    }

    private async Task<HttpResponseMessage> SendAsync(string? key, string method, string url)
    {
        using var client = Factory.CreateAnonymousClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
        {
            request.Content = JsonContent.Create(new { });
        }

        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await client.SendAsync(request, Ct);
    }
}

public sealed class RoleTestsOnPostgres(PostgresApiFactory factory) : RoleTests<PostgresApiFactory>(factory);

public sealed class RoleTestsOnSqlite(SqliteApiFactory factory) : RoleTests<SqliteApiFactory>(factory);
