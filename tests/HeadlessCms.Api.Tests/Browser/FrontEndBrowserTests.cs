using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HeadlessCms.Api.Tests.Browser;

/// <summary>The reference front end at /demo/, against the demo news, under the strict CSP a deployment may add.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FrontEndBrowserTests(BrowserFixture fixture)
{
    private const string StrictPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; frame-ancestors 'none'";

    [Fact]
    public Task AReaderFollowsAnArticleGetsItsSummaryMovesToTheNextAndPagesThroughTheList() => fixture.InPageAsync(nameof(AReaderFollowsAnArticleGetsItsSummaryMovesToTheNextAndPagesThroughTheList), async page =>
    {
        var problems = await WatchForProblemsAsync(page);

        await page.GotoAsync(fixture.BaseUrl + "/demo/");
        var items = page.GetByTestId("article-item");
        await Expect(items).ToHaveCountAsync(10);
        var titles = page.GetByTestId("article-link");
        var newest = await titles.Nth(0).TextContentAsync() ?? string.Empty;
        var second = await titles.Nth(1).TextContentAsync() ?? string.Empty;

        // The second newest article: its "Next Article" is the newest one.
        await titles.Nth(1).ClickAsync();
        await Expect(page.GetByTestId("article-title")).ToHaveTextAsync(second);
        await Expect(page.GetByTestId("article-category")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("reading-time")).ToContainTextAsync("min read");
        await Expect(page.GetByTestId("article-body")).Not.ToBeEmptyAsync();

        var slug = Uri.UnescapeDataString(new Uri(page.Url).Fragment["#/article/".Length..]);
        using var client = fixture.CreateClient();
        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{slug}/summary", TestContext.Current.CancellationToken);
        await page.GetByTestId("summary-button").ClickAsync();
        await Expect(page.GetByTestId("summary-text")).ToHaveTextAsync(summary.GetProperty("text").GetString()!);
        await Expect(page.GetByTestId("summary-button")).ToBeHiddenAsync();

        await Expect(page.GetByTestId("next-article")).ToContainTextAsync(newest);
        await page.GetByTestId("next-article").ClickAsync();
        await Expect(page.GetByTestId("article-title")).ToHaveTextAsync(newest);
        await Expect(page.GetByTestId("next-article")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("prev-article")).ToContainTextAsync(second);

        await page.GetByTestId("site-name").ClickAsync();
        await Expect(titles.Nth(0)).ToHaveTextAsync(newest);
        await Expect(page.GetByTestId("newer-link")).ToBeHiddenAsync();
        await page.GetByTestId("older-link").ClickAsync();
        await Expect(titles).ToHaveCountAsync(10);
        await Expect(titles.Nth(0)).Not.ToHaveTextAsync(newest);
        var olderFirst = await titles.Nth(0).TextContentAsync() ?? string.Empty;
        Assert.DoesNotContain(olderFirst, new[] { newest, second });
        await page.GetByTestId("newer-link").ClickAsync();
        await Expect(titles.Nth(0)).ToHaveTextAsync(newest);
        await Expect(titles.Nth(1)).ToHaveTextAsync(second);

        Assert.Empty(problems);
    });

    [Fact]
    public Task ACategoryLinkOpensThatCategorysPage() => fixture.InPageAsync(nameof(ACategoryLinkOpensThatCategorysPage), async page =>
    {
        var problems = await WatchForProblemsAsync(page);
        await page.GotoAsync(fixture.BaseUrl + "/demo/");
        var link = page.GetByTestId("category-link").First;
        var name = await link.TextContentAsync() ?? string.Empty;
        await link.ClickAsync();
        await Expect(page.GetByTestId("category-title")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("article-item").First).ToBeVisibleAsync();
        Assert.Empty(problems);
    });

    [Fact]
    public Task AnUnknownArticleShowsNotFound() => fixture.InPageAsync(nameof(AnUnknownArticleShowsNotFound), async page =>
    {
        await page.GotoAsync(fixture.BaseUrl + "/demo/#/article/no-such-article-anywhere");
        await Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
    });

    [Fact]
    public Task AnEditorsPreviewLinkShowsTheDraftUnderAPreviewBanner() => fixture.InPageAsync(nameof(AnEditorsPreviewLinkShowsTheDraftUnderAPreviewBanner), async page =>
    {
        var problems = await WatchForProblemsAsync(page);
        using var admin = fixture.CreateClient(Fixtures.CmsApiFactory.AdminKey);
        var ct = TestContext.Current.CancellationToken;
        var categories = await admin.GetFromJsonAsync<JsonElement>("/api/v1/manage/categories", ct);
        var categoryId = categories.GetProperty("items")[0].GetProperty("id").GetInt32();
        var title = "Draft for preview " + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsJsonAsync("/api/v1/manage/articles", new { title, body = "Not yet public.\n\nSecond paragraph.", categoryId }, ct);
        var draft = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        var link = await (await admin.PostAsJsonAsync($"/api/v1/manage/articles/{draft.GetProperty("id").GetInt32()}/preview", new { }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);

        await page.GotoAsync(fixture.BaseUrl + "/demo/#/preview/" + link.GetProperty("token").GetString());
        await Expect(page.GetByTestId("preview-banner")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("article-title")).ToHaveTextAsync(title);
        await Expect(page.GetByTestId("article-body")).ToContainTextAsync("Second paragraph.");

        // The same draft through the ordinary article route is not there, and has no banner.
        await page.GotoAsync(fixture.BaseUrl + "/demo/#/article/" + draft.GetProperty("slug").GetString());
        await Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("preview-banner")).ToHaveCountAsync(0);
        Assert.Empty(problems);
    });

    /// <summary>Serves the demo pages with a strict Content-Security-Policy and collects page errors and CSP violations.</summary>
    private async Task<List<string>> WatchForProblemsAsync(IPage page)
    {
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add("page error: " + error);
        // Images of the demo news live on other hosts, which may be unreachable: only script errors and CSP violations count.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add("CSP: " + message.Text);
            }
        };
        await page.RouteAsync(fixture.BaseUrl + "/demo/**", async route =>
        {
            var response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers) { ["content-security-policy"] = StrictPolicy };
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Headers = headers });
        });
        return problems;
    }
}
