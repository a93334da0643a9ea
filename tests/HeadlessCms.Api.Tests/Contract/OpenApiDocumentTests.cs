using System.Net;
using System.Text.Json;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessCms.Api.Tests.Contract;

/// <summary>The committed openapi/v1.json is the served document, and the document is complete and truthful.</summary>
public sealed class OpenApiDocumentTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task TheCommittedDocumentIsExactlyWhatTheAppServes()
    {
        var served = await ServedTextAsync();
        var committedPath = Path.Combine(RepositoryRoot(), "openapi", "v1.json");
        Assert.True(File.Exists(committedPath), $"{committedPath} is missing: run openapi/regenerate.sh");
        var committed = await File.ReadAllTextAsync(committedPath, TestContext.Current.CancellationToken);
        Assert.True(Normalize(committed) == Normalize(served),
            "openapi/v1.json differs from the document the app serves at " + OpenApi.DocumentPath + ": run openapi/regenerate.sh and commit the result.");
    }

    [Fact]
    public async Task EveryOperationHasAnOperationIdASummaryAndAtLeastOneSuccessResponse()
    {
        foreach (var (name, operation) in Operations(await ServedAsync()))
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.TryGetProperty("operationId", out var id) ? id.GetString() : null), $"{name} has no operationId");
            Assert.False(string.IsNullOrWhiteSpace(operation.TryGetProperty("summary", out var summary) ? summary.GetString() : null), $"{name} has no summary");
            var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.True(statuses.Any(s => s.StartsWith('2')), $"{name} documents no success response");
            Assert.Contains("503", statuses);
        }
    }

    [Fact]
    public async Task OperationIdsAreTheEndpointNamesAndUnique()
    {
        var ids = Operations(await ServedAsync()).Select(o => o.Operation.GetProperty("operationId").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var named = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName).OfType<string>().ToHashSet();
        Assert.All(ids, id => Assert.Contains(id, named));
    }

    [Fact]
    public async Task OnlyManagementOperationsRequireTheApiKey()
    {
        var document = await ServedAsync();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        Assert.False(document.TryGetProperty("security", out _), "the key must not be required document-wide: delivery is public");

        var management = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<ManagementEndpointMetadata>() is not null)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName).OfType<string>().ToHashSet();
        Assert.NotEmpty(management);
        foreach (var (name, operation) in Operations(document))
        {
            var id = operation.GetProperty("operationId").GetString()!;
            var secured = operation.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(r => r.TryGetProperty("ApiKey", out _));
            Assert.True(secured == management.Contains(id), $"{name}: security requirement {(secured ? "present" : "missing")}, management endpoint: {management.Contains(id)}");
            Assert.Equal(name.Contains("/api/v1/manage/", StringComparison.Ordinal), secured);
            var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.Equal(secured, statuses.Contains("401") && statuses.Contains("403"));
        }
    }

    [Fact]
    public async Task EveryRequestBodyHasAnExampleAndDocuments400And413And415()
    {
        var bodies = 0;
        foreach (var (name, operation) in Operations(await ServedAsync()))
        {
            if (!operation.TryGetProperty("requestBody", out var body))
            {
                continue;
            }

            bodies++;
            var json = body.GetProperty("content").GetProperty("application/json");
            Assert.True(json.TryGetProperty("example", out _) || json.TryGetProperty("examples", out _), $"{name} has no request example");
            var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.Contains("400", statuses);
            Assert.Contains("413", statuses);
            Assert.Contains("415", statuses);
        }

        Assert.True(bodies >= 7, $"only {bodies} operations with a body were found");
    }

    [Theory]
    [InlineData("/api/v1/articles", "get", "sort", "publishedAt,-publishedAt,updatedAt,-updatedAt,title,-title,relevance,-relevance")]
    [InlineData("/api/v1/categories", "get", "sort", "name,-name,createdAt,-createdAt")]
    [InlineData("/api/v1/manage/categories", "get", "sort", "name,-name,createdAt,-createdAt")]
    [InlineData("/api/v1/manage/articles", "get", "status", "draft,scheduled,published,archived")]
    [InlineData("/api/v1/articles/{slug}", "get", "navigation", "all,category")]
    public async Task ParametersListTheValuesTheyAccept(string path, string method, string parameter, string values)
    {
        var schema = Parameter(await ServedAsync(), path, method, parameter).GetProperty("schema");
        Assert.Equal(values.Split(','), schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task PageSizeIsDocumentedAsAnIntegerFrom1To100()
    {
        var schema = Parameter(await ServedAsync(), "/api/v1/articles", "get", "pageSize").GetProperty("schema");
        Assert.Equal("integer", schema.GetProperty("type").GetString());
        Assert.Equal(1, schema.GetProperty("minimum").GetInt32());
        Assert.Equal(100, schema.GetProperty("maximum").GetInt32());
    }

    [Fact]
    public async Task GetArticleDocuments301And304And404()
    {
        var responses = (await ServedAsync()).GetProperty("paths").GetProperty("/api/v1/articles/{slug}").GetProperty("get").GetProperty("responses");
        foreach (var status in new[] { "200", "301", "304", "404" })
        {
            Assert.True(responses.TryGetProperty(status, out _), $"GetArticle does not document {status}");
        }

        Assert.True(responses.GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _));
        Assert.True(responses.GetProperty("301").GetProperty("headers").TryGetProperty("Location", out _));
    }

    [Fact]
    public async Task AnArticleAsServedMatchesItsSchemaFieldForField()
    {
        using var editor = factory.CreateEditorClient();
        var content = new Content(editor);
        var category = await content.CategoryAsync();
        var published = await content.PublishedAsync(category.GetProperty("id").GetInt32());
        var slug = published.GetProperty("slug").GetString();
        using var reader = factory.CreateAnonymousClient();
        var detail = await (await reader.GetAsync($"/api/v1/articles/{slug}", TestContext.Current.CancellationToken)).AssertJsonAsync();
        var list = await (await reader.GetAsync("/api/v1/articles?pageSize=1", TestContext.Current.CancellationToken)).AssertJsonAsync();

        var document = await ServedAsync();
        AssertMatches(document, "ArticleDetail", detail);
        AssertMatches(document, "ManagedArticle", published);
        AssertMatches(document, "ArticleListItemPaged", list);
        AssertMatches(document, "ArticleListItem", list.GetProperty("items")[0]);
    }

    private static void AssertMatches(JsonElement document, string schemaName, JsonElement value)
    {
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty(schemaName);
        var required = schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).ToHashSet();
        var properties = schema.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(properties.Keys.Order(), value.EnumerateObject().Select(p => p.Name).Order());
        foreach (var (name, property) in properties)
        {
            Assert.True(required.Contains(name), $"{schemaName}.{name} is always sent but not marked required");
            // OpenAPI 3.1: a null type in the type list, or a oneOf with a null branch for a reference.
            var nullable = (property.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "null"))
                || (property.TryGetProperty("oneOf", out var oneOf) && oneOf.EnumerateArray().Any(b => b.TryGetProperty("type", out var t) && t.GetString() == "null"));
            if (value.GetProperty(name).ValueKind == JsonValueKind.Null)
            {
                Assert.True(nullable, $"{schemaName}.{name} was null but the schema says it never is");
            }
        }
    }

    private async Task<string> ServedTextAsync()
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.GetAsync(OpenApi.DocumentPath, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private async Task<JsonElement> ServedAsync() => JsonDocument.Parse(await ServedTextAsync()).RootElement;

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(op => Methods.Contains(op.Name))
            .Select(op => ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)));

    private static JsonElement Parameter(JsonElement document, string path, string method, string name) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == name);

    private static string Normalize(string text) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd())).Trim();

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HeadlessCms.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No HeadlessCms.sln above {AppContext.BaseDirectory}.");
    }
}
