using System.Net.Http.Json;
using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HeadlessCms.Api.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SwaggerUiBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public Task AnEditorAuthorizesWithAKeyThenCreatesPublishesAndSummarisesAnArticleWithTryItOut() => fixture.InPageAsync(nameof(AnEditorAuthorizesWithAKeyThenCreatesPublishesAndSummarisesAnArticleWithTryItOut), async page =>
    {
        using var admin = fixture.CreateClient(CmsApiFactory.AdminKey);
        var category = await new Content(admin).CategoryAsync();
        var title = Content.Unique("Written in Swagger UI");

        await page.GotoAsync(fixture.BaseUrl + "/swagger/index.html");
        await Expect(page).ToHaveTitleAsync("HeadlessCms API: editors' workbench");
        await Expect(page.Locator(".opblock-summary-path[data-path='/api/v1/articles']")).ToBeVisibleAsync();
        await Expect(page.Locator(".opblock-summary-path[data-path='/api/v1/articles/{slug}']")).ToBeVisibleAsync();
        await Expect(page.Locator(".opblock-summary-path[data-path='/api/v1/manage/articles']").First).ToBeVisibleAsync();

        await page.Locator("button.authorize").First.ClickAsync();
        var dialog = page.Locator(".auth-container").Filter(new() { HasText = "X-Api-Key" });
        await dialog.Locator("input").FillAsync(CmsApiFactory.AdminKey);
        await dialog.Locator("button.authorize").ClickAsync();
        await Expect(dialog.Locator("button", new() { HasText = "Logout" })).ToBeVisibleAsync();
        await page.Locator(".dialog-ux button.close-modal").ClickAsync();
        await Expect(page.Locator("button.authorize.locked").First).ToBeVisibleAsync();

        var create = Operation(page, "post", "/api/v1/manage/articles");
        await create.Locator(".opblock-summary").ClickAsync();
        var body = create.Locator("textarea.body-param__text");
        await Expect(body).ToBeEditableAsync();
        await Expect(body).ToContainTextAsync("categoryId");
        await body.FillAsync(JsonSerializer.Serialize(new { title, body = "Typed by an editor in Swagger UI.", categoryId = category.GetProperty("id").GetInt32() }));
        await create.Locator("button.execute").ClickAsync();

        await Expect(create.Locator(".live-responses-table tr.response .response-col_status").First).ToHaveTextAsync("201");
        await Expect(create.Locator(".live-responses-table tr.response .response-col_description")).ToContainTextAsync(title);

        var drafts = await admin.GetFromJsonAsync<JsonElement>("/api/v1/manage/articles?status=draft&pageSize=100", TestContext.Current.CancellationToken);
        var article = drafts.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("title").GetString() == title);
        var id = article.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Publish with the example body ("Publish now").
        var publish = Operation(page, "post", "/api/v1/manage/articles/{id}/publish");
        await publish.Locator(".opblock-summary").ClickAsync();
        await publish.Locator("tr[data-param-name='id'] input").FillAsync(id);
        await publish.Locator("button.execute").ClickAsync();
        await Expect(publish.Locator(".live-responses-table tr.response .response-col_status").First).ToHaveTextAsync("200");

        var summaryText = "Set from Swagger UI: " + title;
        var setSummary = Operation(page, "put", "/api/v1/manage/articles/{id}/summary");
        await setSummary.Locator(".opblock-summary").ClickAsync();
        await setSummary.Locator("tr[data-param-name='id'] input").FillAsync(id);
        await setSummary.Locator("textarea.body-param__text").FillAsync(JsonSerializer.Serialize(new { text = summaryText }));
        await setSummary.Locator("button.execute").ClickAsync();
        await Expect(setSummary.Locator(".live-responses-table tr.response .response-col_status").First).ToHaveTextAsync("200");

        using var reader = fixture.CreateClient();
        var delivered = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{article.GetProperty("slug").GetString()}/summary", TestContext.Current.CancellationToken);
        Assert.Equal(summaryText, delivered.GetProperty("text").GetString());
        Assert.Equal("editor", delivered.GetProperty("source").GetString());
    });

    private static ILocator Operation(IPage page, string method, string path) =>
        page.Locator($".opblock-{method}").Filter(new() { Has = page.Locator($".opblock-summary-path[data-path='{path}']") });
}
