using System.Net;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Paging;

/// <summary>Every way to ask for a page wrongly gets a 400 problem naming the field, never a 500.</summary>
public abstract class PagingValidationTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : CmsApiFactory
{
    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=abc", "pageSize")]
    [InlineData("pageSize=-5", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page=1&cursor=abc.def", "page")]
    [InlineData("includeTotal=maybe", "includeTotal")]
    [InlineData("sort=colour", "sort")]
    [InlineData("publishedFrom=yesterday", "publishedFrom")]
    [InlineData("publishedTo=2026-13-45", "publishedTo")]
    [InlineData("category=no-such-category-anywhere", "category")]
    public async Task AnInvalidArticleListParameterIsAValidationProblemKeyedByTheField(string query, string field)
    {
        using var client = factory.CreateAnonymousClient();

        var response = await client.GetAsync("/api/v1/articles?" + query, TestContext.Current.CancellationToken);

        await response.AssertValidationProblemAsync(field);
    }

    [Theory]
    [MemberData(nameof(ListEndpoints.All), MemberType = typeof(ListEndpoints))]
    public async Task EveryListRefusesAnOutOfRangePageSizeAndAPageWithACursor(string list)
    {
        var (client, url) = await ClientForAsync(list);

        await (await client.GetAsync(url + "pageSize=101", TestContext.Current.CancellationToken)).AssertValidationProblemAsync("pageSize");
        await (await client.GetAsync(url + "pageSize=0", TestContext.Current.CancellationToken)).AssertValidationProblemAsync("pageSize");
        await (await client.GetAsync(url + "page=0", TestContext.Current.CancellationToken)).AssertValidationProblemAsync("page");
        await (await client.GetAsync(url + "page=2&cursor=x", TestContext.Current.CancellationToken)).AssertValidationProblemAsync("page");
        await (await client.GetAsync(url + "cursor=not-a-cursor", TestContext.Current.CancellationToken)).AssertValidationProblemAsync("cursor");
        await (await client.GetAsync(url + "sort=nope", TestContext.Current.CancellationToken)).AssertValidationProblemAsync("sort");
    }

    [Theory]
    [InlineData("/api/v1/articles", "publishedAt, -publishedAt, updatedAt, -updatedAt, title, -title")]
    [InlineData("/api/v1/manage/articles", "updatedAt, -updatedAt, publishedAt, -publishedAt, title, -title, createdAt, -createdAt")]
    [InlineData("/api/v1/categories", "name, -name, createdAt, -createdAt")]
    [InlineData("/api/v1/summaries", "publishedAt, -publishedAt")]
    public async Task AnUnknownSortListsTheAllowedFields(string url, string allowed)
    {
        using var client = factory.CreateEditorClient();

        var response = await client.GetAsync(url + "?sort=popularity", TestContext.Current.CancellationToken);

        var problem = await response.AssertValidationProblemAsync("sort");
        var message = problem.GetProperty("errors").GetProperty("sort")[0].GetString();
        Assert.Contains("popularity", message);
        Assert.Contains("Allowed: " + allowed, message);
    }

    [Fact]
    public async Task AnUnknownStatusOnTheManagementListIsAValidationProblem()
    {
        using var client = factory.CreateEditorClient();

        var response = await client.GetAsync("/api/v1/manage/articles?status=deleted", TestContext.Current.CancellationToken);

        var problem = await response.AssertValidationProblemAsync("status");
        Assert.Contains("draft, scheduled, published, archived", problem.GetProperty("errors").GetProperty("status")[0].GetString());
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("random")]
    [InlineData("unsigned")]
    [InlineData("garbage")]
    public async Task ATamperedCursorIsAValidationProblem(string tampering)
    {
        var (client, url, next) = await NextLinkAsync();
        var cursor = Pages.QueryOf(next)["cursor"];
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        var forged = tampering switch
        {
            // A character in the middle of the payload: every bit of it counts.
            "flip" => cursor[..(dot / 2)] + (cursor[dot / 2] == 'A' ? 'B' : 'A') + cursor[(dot / 2 + 1)..],
            "truncate" => cursor[..(cursor.Length - 3)],
            "random" => Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "." + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            "unsigned" => cursor[..dot],
            _ => "!!!.???",
        };
        Assert.NotEqual(cursor, forged);

        var response = await client.GetAsync(url + "&cursor=" + Uri.EscapeDataString(forged), TestContext.Current.CancellationToken);

        await response.AssertValidationProblemAsync("cursor");
    }

    [Fact]
    public async Task ACursorReusedWithAnotherSortIsAValidationProblem()
    {
        var (client, url, next) = await NextLinkAsync();
        var cursor = Pages.QueryOf(next)["cursor"];

        var response = await client.GetAsync(url + "&sort=title&cursor=" + Uri.EscapeDataString(cursor), TestContext.Current.CancellationToken);

        var problem = await response.AssertValidationProblemAsync("cursor");
        Assert.Contains("another sort", problem.GetProperty("errors").GetProperty("cursor")[0].GetString());
    }

    [Fact]
    public async Task ACursorReusedWithAnotherFilterIsAValidationProblem()
    {
        var (client, url, next) = await NextLinkAsync();
        var cursor = Pages.QueryOf(next)["cursor"];

        var withAuthor = await client.GetAsync(url + "&author=someone&cursor=" + Uri.EscapeDataString(cursor), TestContext.Current.CancellationToken);
        var withoutCategory = await client.GetAsync("/api/v1/articles?pageSize=2&cursor=" + Uri.EscapeDataString(cursor), TestContext.Current.CancellationToken);

        await withAuthor.AssertValidationProblemAsync("cursor");
        await withoutCategory.AssertValidationProblemAsync("cursor");
    }

    [Fact]
    public async Task ACursorFromOneCategorysArticlesIsRefusedOnAnotherCategorys()
    {
        var content = new Content(factory.CreateEditorClient());
        using var client = factory.CreateAnonymousClient();
        var one = await content.CategoryAsync();
        var other = await content.CategoryAsync();
        for (var i = 0; i < 3; i++)
        {
            await content.PublishedAsync(one.GetProperty("id").GetInt32());
        }

        var first = await client.GetPageAsync($"/api/v1/categories/{one.GetProperty("slug").GetString()}/articles?pageSize=1");
        var cursor = Pages.QueryOf(first.Link("next")!)["cursor"];

        var response = await client.GetAsync($"/api/v1/categories/{other.GetProperty("slug").GetString()}/articles?pageSize=1&cursor={Uri.EscapeDataString(cursor)}", TestContext.Current.CancellationToken);

        await response.AssertValidationProblemAsync("cursor");
    }

    [Fact]
    public async Task TheSameCursorStillWorksWithAnotherPageSize()
    {
        var (client, url, next) = await NextLinkAsync();
        var cursor = Pages.QueryOf(next)["cursor"];

        var page = await client.GetPageAsync(url.Replace("pageSize=2", "pageSize=3", StringComparison.Ordinal) + "&cursor=" + Uri.EscapeDataString(cursor));

        Assert.Equal(3, page.Items.Count);
    }

    [Theory]
    [InlineData("sideways")]
    [InlineData("Category")]
    [InlineData("")]
    public async Task AnInvalidNavigationValueIsAValidationProblem(string navigation)
    {
        var content = new Content(factory.CreateEditorClient());
        var category = await content.CategoryAsync();
        var article = await content.PublishedAsync(category.GetProperty("id").GetInt32());
        using var client = factory.CreateAnonymousClient();

        var response = await client.GetAsync($"/api/v1/articles/{article.GetProperty("slug").GetString()}?navigation={navigation}", TestContext.Current.CancellationToken);

        if (navigation.Length == 0)
        {
            // An empty value is the same as leaving it out.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }

        await response.AssertValidationProblemAsync("navigation");
    }

    private async Task<(HttpClient Client, string Url, string Next)> NextLinkAsync()
    {
        var content = new Content(factory.CreateEditorClient());
        var category = await content.CategoryAsync();
        for (var i = 0; i < 6; i++)
        {
            await content.PublishedAsync(category.GetProperty("id").GetInt32(), DateTimeOffset.UtcNow.AddHours(-i - 1));
        }

        var client = factory.CreateAnonymousClient();
        var url = $"/api/v1/articles?category={category.GetProperty("slug").GetString()}&pageSize=2";
        var first = await client.GetPageAsync(url);
        return (client, url, first.Link("next")!);
    }

    private async Task<(HttpClient Client, string Url)> ClientForAsync(string list)
    {
        if (list == "category-articles")
        {
            var category = await new Content(factory.CreateEditorClient()).CategoryAsync();
            return (factory.CreateAnonymousClient(), $"/api/v1/categories/{category.GetProperty("slug").GetString()}/articles?");
        }

        return list switch
        {
            "articles" => (factory.CreateAnonymousClient(), "/api/v1/articles?"),
            "categories" => (factory.CreateAnonymousClient(), "/api/v1/categories?"),
            "summaries" => (factory.CreateAnonymousClient(), "/api/v1/summaries?"),
            "manage-articles" => (factory.CreateEditorClient(), "/api/v1/manage/articles?"),
            "manage-categories" => (factory.CreateEditorClient(), "/api/v1/manage/categories?"),
            "api-keys" => (factory.CreateAdminClient(), "/api/v1/manage/api-keys?"),
            _ => throw new ArgumentOutOfRangeException(nameof(list)),
        };
    }
}

public sealed class PagingValidationTestsOnPostgres(PostgresApiFactory factory) : PagingValidationTests<PostgresApiFactory>(factory);

public sealed class PagingValidationTestsOnSqlite(SqliteApiFactory factory) : PagingValidationTests<SqliteApiFactory>(factory);
