using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Paging;

/// <summary>Behind a proxy, links use the scheme and host the client used, but only when configuration says to trust it.</summary>
public abstract class ForwardedHeadersTests<TFactory>(TFactory factory, bool enabled) : IClassFixture<TFactory> where TFactory : CmsApiFactory
{
    [Fact]
    public async Task ListLinksAndTheLinkHeaderUseTheForwardedSchemeAndHostOnlyWhenEnabled()
    {
        var content = new Content(factory.CreateEditorClient());
        var category = await content.CategoryAsync();
        for (var i = 0; i < 3; i++)
        {
            await content.PublishedAsync(category.GetProperty("id").GetInt32(), summary: "Short.");
        }

        using var client = factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "news.example.org");
        var expectedBase = enabled ? "https://news.example.org/" : "http://localhost/";

        foreach (var url in new[] { $"/api/v1/articles?category={category.Text("slug")}&pageSize=1", "/api/v1/summaries?pageSize=1&page=2" })
        {
            var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
            var page = new Page(await response.AssertJsonAsync(), response);

            foreach (var rel in Page.Rels.Append("self"))
            {
                if (page.Link(rel) is { } link)
                {
                    Assert.StartsWith(expectedBase, link, StringComparison.Ordinal);
                }
            }

            Assert.NotEmpty(page.LinkHeader());
            Assert.All(page.LinkHeader(), l => Assert.StartsWith(expectedBase, l.Url, StringComparison.Ordinal));
            Assert.All(page.Items, item => Assert.StartsWith(expectedBase, item.TryGetProperty("links", out var links) ? links.Text("self") : item.GetProperty("article").Text("url"), StringComparison.Ordinal));
        }

        // Following a link through the proxy again keeps working.
        var first = await client.GetAsync($"/api/v1/articles?category={category.Text("slug")}&pageSize=1", TestContext.Current.CancellationToken);
        var next = new Page(await first.AssertJsonAsync(), first).Link("next")!;
        var second = await client.GetAsync(new Uri(next).PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Single(new Page(await second.AssertJsonAsync(), second).Items);
    }
}

public sealed class PostgresApiFactoryBehindProxy : PostgresApiFactory
{
    public PostgresApiFactoryBehindProxy() => Set("Cms:ForwardedHeaders:Enabled", "true");
}

public sealed class SqliteApiFactoryBehindProxy : SqliteApiFactory
{
    public SqliteApiFactoryBehindProxy() => Set("Cms:ForwardedHeaders:Enabled", "true");
}

public sealed class ForwardedHeadersEnabledOnPostgres(PostgresApiFactoryBehindProxy factory) : ForwardedHeadersTests<PostgresApiFactoryBehindProxy>(factory, enabled: true);

public sealed class ForwardedHeadersEnabledOnSqlite(SqliteApiFactoryBehindProxy factory) : ForwardedHeadersTests<SqliteApiFactoryBehindProxy>(factory, enabled: true);

public sealed class ForwardedHeadersIgnoredOnPostgres(PostgresApiFactory factory) : ForwardedHeadersTests<PostgresApiFactory>(factory, enabled: false);

public sealed class ForwardedHeadersIgnoredOnSqlite(SqliteApiFactory factory) : ForwardedHeadersTests<SqliteApiFactory>(factory, enabled: false);
