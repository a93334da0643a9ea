using System.Net;
using System.Net.Http.Json;
using System.Text;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Security;

/// <summary>The probe's smaller findings: cache-busting parameters, path case, JSON tricks, control characters, headers.</summary>
public abstract class HostileRequestTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : CmsApiFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUnknownQueryParameterOnADeliveryEndpointIsA400NamingIt()
    {
        using var editor = factory.CreateEditorClient();
        var content = new Content(editor);
        var category = await content.CategoryAsync();
        var article = await content.PublishedAsync(category.Id());
        using var reader = factory.CreateAnonymousClient();

        foreach (var url in new[]
        {
            "/api/v1/articles?bust=1", $"/api/v1/articles/{article.Text("slug")}?bust=1", $"/api/v1/articles/{article.Text("slug")}/summary?bust=1",
            "/api/v1/categories?pageSize=5&bust=2", $"/api/v1/categories/{category.Text("slug")}?bust=1", "/api/v1/summaries?bust=1",
        })
        {
            var problem = await (await reader.GetAsync(url, Ct)).AssertValidationProblemAsync("bust");
            Assert.Contains("'bust' is not a query parameter", problem.GetProperty("errors").GetProperty("bust")[0].GetString(), StringComparison.Ordinal);
        }

        await (await reader.GetAsync($"/api/v1/articles/{article.Text("slug")}?navigation=category", Ct)).AssertJsonAsync();
        await (await reader.GetAsync($"/api/v1/articles?PageSize=2&category={category.Text("slug")}", Ct)).AssertJsonAsync();
    }

    [Fact]
    public async Task ADeliveryPathInAnotherLetterCaseIsA404NamingTheLowerCaseOne()
    {
        using var editor = factory.CreateEditorClient();
        var content = new Content(editor);
        var article = await content.PublishedAsync((await content.CategoryAsync()).Id());
        var slug = article.Text("slug");
        using var reader = factory.CreateAnonymousClient();
        await (await reader.GetAsync($"/api/v1/articles/{slug}", Ct)).AssertJsonAsync();

        var problem = await (await reader.GetAsync($"/API/v1/Articles/{slug.ToUpperInvariant()}?navigation=all", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains($"/api/v1/articles/{slug}?navigation=all", problem.Text("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicateKeysDifferingOnlyInCaseAreRefused()
    {
        using var admin = factory.CreateAdminClient();
        using var body = new StringContent("""{"name":"sneaky","role":"editor","Role":"admin"}""", Encoding.UTF8, "application/json");

        var problem = await (await admin.PostAsync("/api/v1/manage/api-keys", body, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.DoesNotContain("HeadlessCms", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPropertyOrAWrongTypeIsDescribedWithoutDotNetTypeNames()
    {
        using var editor = factory.CreateEditorClient();
        foreach (var json in new[] { """{"name":"N","colour":"red"}""", """{"name":"N","parentId":"x"}""" })
        {
            using var body = new StringContent(json, Encoding.UTF8, "application/json");
            var problem = await (await editor.PostAsync("/api/v1/manage/categories", body, Ct)).AssertProblemAsync(HttpStatusCode.BadRequest);
            var text = problem.GetRawText();
            Assert.DoesNotContain("HeadlessCms.", text, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("title")]
    [InlineData("author")]
    [InlineData("summary")]
    public async Task ControlCharactersInTitlesAuthorsAndSummariesAreRefusedByField(string field)
    {
        using var editor = factory.CreateEditorClient();
        var category = await new Content(editor).CategoryAsync();
        var fields = new Dictionary<string, object?> { ["title"] = "Title", ["body"] = "Body.", ["categoryId"] = category.Id(), ["author"] = "Ann", ["summary"] = "Short." };
        foreach (var bad in new[] { "a\u0000b", "a\u001bb", "a\u0085b" })
        {
            fields[field] = bad;
            await (await editor.PostAsJsonAsync("/api/v1/manage/articles", fields, Ct)).AssertValidationProblemAsync(field);
        }
    }

    [Fact]
    public async Task ApiResponsesVaryByOriginAndCarryAPermissionsPolicy()
    {
        using var reader = factory.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        request.Headers.Add("Origin", "https://other.example");

        var response = await reader.SendAsync(request, Ct);

        Assert.Contains("Origin", response.Headers.Vary);
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "plain HTTP gets no HSTS");
    }
}

public sealed class HostileRequestTestsOnPostgres(PostgresApiFactory factory) : HostileRequestTests<PostgresApiFactory>(factory);

public sealed class HostileRequestTestsOnSqlite(SqliteApiFactory factory) : HostileRequestTests<SqliteApiFactory>(factory);
