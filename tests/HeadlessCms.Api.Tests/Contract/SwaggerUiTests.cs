using System.Net;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Contract;

public sealed class SwaggerUiTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task SwaggerUiIsServedAtSwaggerByDefaultWithTheEditorsTitle()
    {
        using var client = factory.CreateAnonymousClient();
        var redirect = await client.GetAsync("/swagger", TestContext.Current.CancellationToken);
        Assert.True(redirect.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found, $"/swagger answered {(int)redirect.StatusCode}");
        Assert.EndsWith("swagger/index.html", redirect.Headers.Location?.ToString());

        var page = await client.GetAsync("/swagger/index.html", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<title>HeadlessCms API: editors&#x27; workbench</title>", html.Replace("&#39;", "&#x27;").Replace("'", "&#x27;"));
    }

    [Fact]
    public async Task TurningSwaggerUiOffRemovesThePageButKeepsTheDocument()
    {
        await using var off = new SqliteApiFactory();
        off.Set("Cms:SwaggerUi:Enabled", "false");
        await off.InitializeAsync();
        using var client = off.CreateAnonymousClient();

        var page = await client.GetAsync("/swagger/index.html", TestContext.Current.CancellationToken);
        await page.AssertProblemAsync(HttpStatusCode.NotFound);
        var document = await client.GetAsync(OpenApi.DocumentPath, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }
}
