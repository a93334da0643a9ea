using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessCms.Api.Tests.Articles;

/// <summary>Every management operation needs a valid key; only admins manage keys; delivery needs none.</summary>
public abstract class AuthorizationTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory) where TFactory : CmsApiFactory
{
    /// <summary>The management operations the issue names; the app must map at least these.</summary>
    private static readonly string[] Documented =
    [
        "GET /api/v1/manage/articles",
        "POST /api/v1/manage/articles",
        "GET /api/v1/manage/articles/{id}",
        "PUT /api/v1/manage/articles/{id}",
        "DELETE /api/v1/manage/articles/{id}",
        "POST /api/v1/manage/articles/{id}/publish",
        "POST /api/v1/manage/articles/{id}/unpublish",
        "POST /api/v1/manage/articles/{id}/archive",
        "PUT /api/v1/manage/articles/{id}/summary",
        "DELETE /api/v1/manage/articles/{id}/summary",
        "GET /api/v1/manage/categories",
        "POST /api/v1/manage/categories",
        "GET /api/v1/manage/categories/{id}",
        "PUT /api/v1/manage/categories/{id}",
        "DELETE /api/v1/manage/categories/{id}",
        "GET /api/v1/manage/api-keys",
        "POST /api/v1/manage/api-keys",
        "DELETE /api/v1/manage/api-keys/{id}",
    ];

    /// <summary>Every mapped route under /api/v1/manage, as "METHOD /path/{id}" with route constraints dropped.</summary>
    private List<string> ManagementOperations()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var operations = endpoints
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1/manage", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method} /{e.RoutePattern.RawText!.TrimStart('/').TrimEnd('/').Replace("{id:int}", "{id}", StringComparison.Ordinal)}"))
            .Distinct()
            .ToList();
        Assert.Superset(Documented.ToHashSet(), operations.ToHashSet());
        return operations;
    }

    private static HttpRequestMessage Request(string operation)
    {
        var (method, path) = (operation.Split(' ')[0], operation.Split(' ')[1]);
        return new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            Content = method is "POST" or "PUT" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
        };
    }

    private async Task AssertEveryOperationAnswersAsync(HttpClient client, HttpStatusCode status, Action<HttpRequestMessage>? authorize = null)
    {
        foreach (var operation in ManagementOperations())
        {
            using var request = Request(operation);
            authorize?.Invoke(request);
            var response = await client.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == status, $"{operation}: expected {(int)status}, got {(int)response.StatusCode} {body}");
            await response.AssertProblemAsync(status);
        }
    }

    [Fact]
    public async Task EveryManagementOperationIs401WithoutAKey()
    {
        using var anonymous = Factory.CreateAnonymousClient();
        await AssertEveryOperationAnswersAsync(anonymous, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EveryManagementOperationIs401WithAnUnknownKeyInEitherHeader()
    {
        using var unknown = Factory.CreateClientWithKey("hcms_" + Guid.NewGuid().ToString("N"));
        await AssertEveryOperationAnswersAsync(unknown, HttpStatusCode.Unauthorized);

        using var anonymous = Factory.CreateAnonymousClient();
        await AssertEveryOperationAnswersAsync(anonymous, HttpStatusCode.Unauthorized,
            r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "hcms_" + Guid.NewGuid().ToString("N")));
    }

    [Fact]
    public async Task EveryManagementOperationIs401WithARevokedKey()
    {
        using var admin = Factory.CreateAdminClient();
        var created = await (await admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = Content.Unique("soon revoked"), role = "admin" }, Ct))
            .AssertJsonAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/manage/api-keys/{created.Id()}", Ct)).StatusCode);

        using var revoked = Factory.CreateClientWithKey(created.Text("key"));
        await AssertEveryOperationAnswersAsync(revoked, HttpStatusCode.Unauthorized);

        using var anonymous = Factory.CreateAnonymousClient();
        await AssertEveryOperationAnswersAsync(anonymous, HttpStatusCode.Unauthorized,
            r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", created.Text("key")));
    }

    [Fact]
    public async Task AnEditorIs403OnEveryApiKeyOperationAndAllowedEverywhereElse()
    {
        foreach (var operation in ManagementOperations())
        {
            if (operation.Contains("/api-keys", StringComparison.Ordinal))
            {
                using var request = Request(operation);
                await (await Editor.SendAsync(request, Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
            }
            else
            {
                // A request that can succeed, so that "allowed" means a 2xx (a 404 or a 500 would not do).
                using var request = await EditorRequests.ValidAsync(operation, Content);
                await (await Editor.SendAsync(request, Ct)).AssertSucceededAsync(operation);
            }
        }
    }

    [Fact]
    public async Task AnEditorKeyWorksAsABearerToken()
    {
        using var bearer = Factory.CreateAnonymousClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Factory.EditorKey);

        await (await bearer.GetAsync("/api/v1/manage/articles", Ct)).AssertJsonAsync();
        await (await bearer.GetAsync("/api/v1/manage/api-keys", Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheDeliveryApiNeedsNoKeyAndIgnoresABadOne()
    {
        using var anonymous = Factory.CreateAnonymousClient();
        using var wrongKey = Factory.CreateClientWithKey("not-a-key");
        foreach (var client in new[] { anonymous, wrongKey })
        {
            foreach (var url in new[] { "/api/v1/articles", "/api/v1/categories", "/api/v1/summaries" })
            {
                await (await client.GetAsync(url, Ct)).AssertJsonAsync();
            }
        }
    }
}

public sealed class AuthorizationTestsOnPostgres(PostgresApiFactory factory) : AuthorizationTests<PostgresApiFactory>(factory);

public sealed class AuthorizationTestsOnSqlite(SqliteApiFactory factory) : AuthorizationTests<SqliteApiFactory>(factory);
