using System.Net;
using System.Text.RegularExpressions;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Reliability;

public sealed class DemoEnabledApiFactory : SqliteApiFactory
{
    public DemoEnabledApiFactory()
    {
        Set("Cms:Demo:Enabled", "true");
        Set("Cms:Demo:ImageSources:0", "https://images.example.com");
    }
}

public sealed partial class SecurityHeadersTests(DemoEnabledApiFactory factory) : IClassFixture<DemoEnabledApiFactory>
{
    private static string Csp(HttpResponseMessage response) => string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("frame-ancestors 'none'", Csp(response));
    }

    [Theory]
    [InlineData("/api/v1/articles", HttpStatusCode.OK)]
    [InlineData("/api/v1/articles/no-such-article", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/articles?pageSize=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/manage/articles", HttpStatusCode.Unauthorized)]
    [InlineData("/health/live", HttpStatusCode.OK)]
    [InlineData("/nothing-here", HttpStatusCode.NotFound)]
    public async Task ApiResponsesForbidEverythingABrowserCouldDoWithThem(string path, HttpStatusCode status)
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(status, response.StatusCode);
        AssertCommonHeaders(response);
        Assert.StartsWith("default-src 'none'", Csp(response));
        Assert.DoesNotContain("script-src", Csp(response));
    }

    [Fact]
    public async Task ErrorsFromTheExceptionHandlerCarryTheHeadersToo()
    {
        using var editor = factory.CreateEditorClient();
        var response = await editor.PostAsync("/api/v1/manage/categories", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task SwaggerUiGetsAPolicyThatAllowsEverythingItsPageLoads()
    {
        using var client = factory.CreateAnonymousClient();
        var page = await client.GetAsync("/swagger/index.html", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertCommonHeaders(page);
        var csp = Csp(page);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp);
        Assert.Contains("connect-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        await AssertPageLoadsOnlyOwnFilesAsync(client, "/swagger/", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheDemoPageGetsAPolicyForItsOwnFilesItsOwnOriginAndConfiguredImageHosts()
    {
        using var client = factory.CreateAnonymousClient();
        var page = await client.GetAsync("/demo/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertCommonHeaders(page);
        var csp = Csp(page);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.Contains("connect-src 'self';", csp);
        Assert.Contains("img-src 'self' data: https://images.example.com;", csp);
        Assert.DoesNotContain("*", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        await AssertPageLoadsOnlyOwnFilesAsync(client, "/demo/", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/demo/README.md")]
    [InlineData("/demo/readme.md")]
    public async Task TheDemoFoldersReadmeIsNotServed(string path)
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>No inline script or style element (the policy would block it); every script and stylesheet is served from here, with the same policy.</summary>
    private static async Task AssertPageLoadsOnlyOwnFilesAsync(HttpClient client, string basePath, string html)
    {
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(@"<style[\s>]", html);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", html);
        var resources = Resource().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.NotEmpty(resources);
        foreach (var url in resources)
        {
            Assert.False(url.Contains("//", StringComparison.Ordinal), $"{url} is not from this origin");
            var path = url.StartsWith('/') ? url : basePath + url.TrimStart('.', '/');
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }
    }

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<(?:script[^>]*\ssrc|link[^>]*rel=""stylesheet""[^>]*\shref)=""(?<url>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex Resource();
}
