using System.Net;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Security;

/// <summary>X-Forwarded-* is believed only from the proxies configuration names (loopback when it names none), and only for allowed hosts.</summary>
public abstract class ForwardedHeadersTrustTests(CmsApiFactory configured, CmsApiFactory defaults)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(string Self, HttpResponseMessage Response)> CategoriesFromAsync(CmsApiFactory factory, string peer, string host = "news.example.org")
    {
        using var client = factory.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/categories?pageSize=1");
        request.Headers.Add("X-Test-Peer", peer);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", host);
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");
        var response = await client.SendAsync(request, Ct);
        var body = await response.AssertJsonAsync();
        return (body.GetProperty("links").Text("self"), response);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task WithNoProxyConfiguredLoopbackIsTrustedAndGetsHsts(string peer)
    {
        var (self, response) = await CategoriesFromAsync(defaults, peer);

        Assert.StartsWith("https://news.example.org/", self, StringComparison.Ordinal);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Theory]
    [InlineData("203.0.113.9")]
    [InlineData("10.1.2.3")]
    public async Task WithNoProxyConfiguredAnyOtherSenderIsIgnored(string peer)
    {
        var (self, response) = await CategoriesFromAsync(defaults, peer);

        Assert.StartsWith("http://localhost/", self, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("10.9.200.1")]
    public async Task AConfiguredProxyOrNetworkIsTrusted(string peer)
    {
        var (self, response) = await CategoriesFromAsync(configured, peer);

        Assert.StartsWith("https://news.example.org/", self, StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("203.0.113.9")]
    [InlineData("10.1.2.4")]
    public async Task AConfiguredListReplacesLoopbackAndIgnoresEveryoneElse(string peer)
    {
        var (self, response) = await CategoriesFromAsync(configured, peer);

        Assert.StartsWith("http://localhost/", self, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ATrustedProxyCannotRenameTheSiteToAHostOutsideAllowedHosts()
    {
        var (self, _) = await CategoriesFromAsync(configured, "10.1.2.3", host: "evil.example");

        Assert.DoesNotContain("evil.example", self, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostHeaderOutsideAllowedHostsIsRefused()
    {
        using var client = configured.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/categories");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class ForwardedHeadersTrustOnPostgres(ConfiguredProxiesOnPostgres configured, DefaultProxiesOnPostgres defaults)
    : ForwardedHeadersTrustTests(configured, defaults), IClassFixture<ConfiguredProxiesOnPostgres>, IClassFixture<DefaultProxiesOnPostgres>;

public sealed class ForwardedHeadersTrustOnSqlite(ConfiguredProxiesOnSqlite configured, DefaultProxiesOnSqlite defaults)
    : ForwardedHeadersTrustTests(configured, defaults), IClassFixture<ConfiguredProxiesOnSqlite>, IClassFixture<DefaultProxiesOnSqlite>;
