using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Demo;

/// <summary>The seeded demo content points at images the app serves, and content may point at such server paths too.</summary>
public sealed class DemoMediaTests : IClassFixture<DemoMediaTests.SeededSqlite>
{
    private readonly SeededSqlite app;

    public DemoMediaTests(SeededSqlite app) => this.app = app;

    [Fact]
    public async Task EverySeededFeaturedImageIsAServerPathThatAnswersWithAnSvg()
    {
        using var client = app.CreateAnonymousClient();
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/articles?pageSize=100", TestContext.Current.CancellationToken);
        var urls = list.GetProperty("items").EnumerateArray()
            .Select(a => a.TryGetProperty("featuredImageUrl", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString()! : null)
            .OfType<string>().ToList();
        Assert.NotEmpty(urls);
        foreach (var url in urls)
        {
            Assert.StartsWith("/media/demo/", url);
            using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<svg", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }

    [Theory]
    [InlineData("/media/demo/anything.svg", HttpStatusCode.Created)]
    [InlineData("https://images.example.org/a.jpg", HttpStatusCode.Created)]
    [InlineData("//evil.example/a.jpg", HttpStatusCode.BadRequest)]
    [InlineData("/a b.jpg", HttpStatusCode.BadRequest)]
    [InlineData("/a\\b.jpg", HttpStatusCode.BadRequest)]
    [InlineData("javascript:alert(1)", HttpStatusCode.BadRequest)]
    [InlineData("images/a.jpg", HttpStatusCode.BadRequest)]
    public async Task AFeaturedImageIsAnAbsoluteHttpUrlOrAPathOnThisServer(string url, HttpStatusCode expected)
    {
        using var editor = app.CreateAdminClient();
        var category = await new Content(editor).CategoryAsync();
        var response = await editor.PostAsJsonAsync("/api/v1/manage/articles", new
        {
            title = Content.Unique("Image"),
            body = "A body.",
            categoryId = category.GetProperty("id").GetInt32(),
            featuredImageUrl = url,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            Assert.True(problem.GetProperty("errors").TryGetProperty("featuredImageUrl", out _));
        }
    }

    public sealed class SeededSqlite : SqliteApiFactory
    {
        public SeededSqlite() => Set("Cms:SeedDemoContent", "true");
    }
}
