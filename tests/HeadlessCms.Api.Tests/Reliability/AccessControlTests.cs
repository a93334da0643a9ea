using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeadlessCms.Api.Tests.Reliability;

/// <summary>
/// The app plus one endpoint mapped the way a hurried engineer would: no policy, no AllowAnonymous. Every log
/// message is kept, at every level, so the test can search them for keys.
/// </summary>
public sealed class AccessControlApiFactory : PostgresApiFactory
{
    public const string ForgottenPath = "/api/v1/forgotten-endpoint";

    public LogCollector Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ForgottenEndpoint()));
    }

    private sealed class ForgottenEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseRouting();
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseEndpoints(endpoints => endpoints.MapGet(ForgottenPath, () => "anyone can read this"));
            next(app);
        };
    }
}

public sealed class AccessControlTests(AccessControlApiFactory factory) : IClassFixture<AccessControlApiFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private sealed record Route(string Method, string Pattern, bool Anonymous, bool AdminOnly, bool Management);

    /// <summary>Every endpoint the app maps, straight from its endpoint data source.</summary>
    private List<Route> Routes() => factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new Route(
            method,
            "/" + e.RoutePattern.RawText!.TrimStart('/'),
            e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
            e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == ApiKeyAuthentication.AdminPolicy),
            e.Metadata.GetMetadata<ManagementEndpointMetadata>() is not null || e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/v1/manage", StringComparison.Ordinal))))
        .ToList();

    private static string UrlOf(Route route) => System.Text.RegularExpressions.Regex.Replace(route.Pattern, @"\{(\w+)(:int)?\}", m => m.Groups[2].Success ? "1" : "some-slug");

    private async Task<HttpResponseMessage> SendAsync(Route route, string? key)
    {
        using var client = factory.CreateAnonymousClient();
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), UrlOf(route));
        if (route.Method is "POST" or "PUT")
        {
            request.Content = JsonContent.Create(new { });
        }

        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await client.SendAsync(request, Token);
    }

    private async Task<string> RevokedKeyAsync()
    {
        using var admin = factory.CreateAdminClient();
        var created = await (await admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = "soon revoked", role = "admin" }, Token)).AssertJsonAsync(HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        using var revoked = factory.CreateClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await revoked.GetAsync("/api/v1/manage/categories", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/manage/api-keys/{created.GetProperty("id").GetInt32()}", Token)).StatusCode);
        // The very next request with it is refused.
        await (await revoked.GetAsync("/api/v1/manage/categories", Token)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        return key;
    }

    [Fact]
    public async Task EveryEndpointThatIsNotExplicitlyAnonymousRefusesMissingUnknownAndRevokedKeysAndTheWrongRole()
    {
        var routes = Routes();
        Assert.Contains(routes, r => r.Management && r.AdminOnly);
        var revoked = await RevokedKeyAsync();
        var protectedRoutes = routes.Where(r => !r.Anonymous).ToList();
        Assert.True(protectedRoutes.Count >= 15, $"only {protectedRoutes.Count} protected endpoints found");
        Assert.All(routes.Where(r => r.Management), r => Assert.False(r.Anonymous, $"{r.Method} {r.Pattern} is management but AllowAnonymous"));

        foreach (var route in protectedRoutes)
        {
            foreach (var key in new[] { null, "hcms_unknown_key_" + Guid.NewGuid().ToString("N"), revoked })
            {
                var response = await SendAsync(route, key);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route.Method} {route.Pattern} with key '{key}' answered {(int)response.StatusCode}");
                await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            }

            if (route.AdminOnly)
            {
                await (await SendAsync(route, factory.EditorKey)).AssertProblemAsync(HttpStatusCode.Forbidden);
            }
            else
            {
                // A request that can succeed, so that "allowed" means a 2xx (a 404 or a 500 would not do).
                var operation = EditorRequests.Operation(route.Method, route.Pattern);
                using var editor = factory.CreateEditorClient();
                using var request = await EditorRequests.ValidAsync(operation, new Content(editor));
                await (await editor.SendAsync(request, Token)).AssertSucceededAsync(operation);
            }
        }
    }

    [Fact]
    public async Task AnEndpointMappedWithoutAnyPolicyIsClosedByTheFallbackPolicy()
    {
        using var anonymous = factory.CreateAnonymousClient();
        await (await anonymous.GetAsync(AccessControlApiFactory.ForgottenPath, Token)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var editor = factory.CreateEditorClient();
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(AccessControlApiFactory.ForgottenPath, Token)).StatusCode);

        // And the policy itself: present, and refusing a caller without a role.
        var policy = await factory.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();
        Assert.NotNull(policy);
        var context = new DefaultHttpContext { RequestServices = factory.Services };
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(), "new endpoint"));
        var result = await factory.Services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(new System.Security.Claims.ClaimsPrincipal(), context, policy);
        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?status=draft")]
    [InlineData("?status=scheduled&sort=title")]
    [InlineData("?sort=-updatedAt&pageSize=100")]
    [InlineData("?sort=title&page=1&pageSize=100")]
    [InlineData("?publishedFrom=1900-01-01&publishedTo=9999-01-01&includeTotal=true")]
    [InlineData("?q=secret")]
    [InlineData("?q=secret&sort=relevance")]
    [InlineData("?author=Insider")]
    public async Task DeliveryNeverShowsADraftScheduledOrArchivedArticleWhateverIsAsked(string query)
    {
        using var editor = factory.CreateEditorClient();
        var content = new Content(editor);
        var category = await content.CategoryAsync();
        var categoryId = category.GetProperty("id").GetInt32();
        var categorySlug = category.GetProperty("slug").GetString()!;
        var hidden = new List<JsonElement>
        {
            await content.DraftAsync(categoryId, body: "secret draft", author: "Insider"),
            await content.PublishedAsync(categoryId, DateTimeOffset.UtcNow.AddDays(3), body: "secret scheduled", author: "Insider"),
        };
        var archived = await content.PublishedAsync(categoryId, body: "secret archived", author: "Insider");
        hidden.Add(await (await editor.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{archived.GetProperty("id").GetInt32()}/archive", null)).AssertJsonAsync());
        var visible = await content.PublishedAsync(categoryId, body: "secret published", author: "Insider");
        var hiddenSlugs = hidden.Select(h => h.GetProperty("slug").GetString()!).ToHashSet();

        using var reader = factory.CreateAnonymousClient();
        var separator = query.Length == 0 ? "?" : "&";
        var seen = new List<string>();
        foreach (var list in new[] { "/api/v1/articles" + query, $"/api/v1/categories/{categorySlug}/articles{query}", "/api/v1/summaries" + query, $"/api/v1/articles{query}{separator}category={categorySlug}" })
        {
            // Walk every page, following the links (cursors) the API hands out.
            for (string? url = list; url is not null;)
            {
                var response = await reader.GetAsync(url, Token);
                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    break; // a filter this list does not take is refused, which shows nothing either
                }

                var page = await response.AssertJsonAsync();
                var text = page.GetRawText();
                seen.Add(text);
                url = page.GetProperty("links").TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            }
        }

        // A parameter no list reads (?status=) is refused by every list: then there is nothing to find.
        if (seen.Count > 0)
        {
            Assert.Contains(seen, text => text.Contains(visible.GetProperty("slug").GetString()!, StringComparison.Ordinal));
        }
        foreach (var slug in hiddenSlugs)
        {
            Assert.DoesNotContain(seen, text => text.Contains(slug, StringComparison.Ordinal));
            await (await reader.GetAsync($"/api/v1/articles/{slug}", Token)).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await reader.GetAsync($"/api/v1/articles/{slug}/summary", Token)).AssertProblemAsync(HttpStatusCode.NotFound);
            // A list filter the article endpoint does not take is refused (400), which shows nothing either.
            var withQuery = await reader.GetAsync($"/api/v1/articles/{slug}{query}", Token);
            await withQuery.AssertProblemAsync(withQuery.StatusCode == HttpStatusCode.BadRequest ? HttpStatusCode.BadRequest : HttpStatusCode.NotFound);
        }

        var neighbours = await (await reader.GetAsync($"/api/v1/articles/{visible.GetProperty("slug").GetString()}?navigation=category", Token)).AssertJsonAsync();
        Assert.All(hiddenSlugs, slug => Assert.DoesNotContain(slug, neighbours.GetProperty("navigation").GetRawText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeysAreStoredOnlyAsHashesAndNeverAppearInTheLogs()
    {
        using var admin = factory.CreateAdminClient();
        var created = await (await admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = "log check", role = "editor" }, Token)).AssertJsonAsync(HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        using (var viaHeader = factory.CreateClientWithKey(key))
        {
            Assert.Equal(HttpStatusCode.OK, (await viaHeader.GetAsync("/api/v1/manage/articles", Token)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await viaHeader.GetAsync("/api/v1/manage/api-keys", Token)).StatusCode);
        }

        using (var viaBearer = factory.CreateAnonymousClient())
        {
            viaBearer.DefaultRequestHeaders.Authorization = new("Bearer", key);
            Assert.Equal(HttpStatusCode.OK, (await viaBearer.GetAsync("/api/v1/manage/categories", Token)).StatusCode);
        }

        var unknown = "hcms_unknown_" + Guid.NewGuid().ToString("N");
        using (var wrong = factory.CreateClientWithKey(unknown))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/v1/manage/articles", Token)).StatusCode);
        }

        await using (var db = factory.NewDbContext())
        {
            var row = await db.ApiKeys.SingleAsync(k => k.Id == created.GetProperty("id").GetInt32(), Token);
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)), row.KeyHash);
            Assert.True(key.Length > row.Prefix.Length + 20, "only a short prefix is kept in clear");
            // No column of any key row holds the key.
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT row_to_json(k)::text FROM \"ApiKeys\" k";
            await using var rows = await command.ExecuteReaderAsync(Token);
            while (await rows.ReadAsync(Token))
            {
                Assert.DoesNotContain(key, rows.GetString(0), StringComparison.Ordinal);
                Assert.DoesNotContain(CmsApiFactory.AdminKey, rows.GetString(0), StringComparison.Ordinal);
            }
        }

        var logs = factory.Logs.Messages.ToList();
        Assert.True(logs.Count > 50, $"only {logs.Count} log messages were captured");
        foreach (var secret in new[] { key, unknown, CmsApiFactory.AdminKey, factory.EditorKey! })
        {
            var leaks = logs.Where(m => m.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"a key appears in the logs: {leaks.FirstOrDefault()}");
        }
    }
}
