using System.Net.Http.Json;
using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;
using static Microsoft.Playwright.Assertions;

namespace HeadlessCms.Api.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SwaggerUiBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public Task AnEditorAuthorizesWithAKeyAndCreatesAnArticleWithTryItOut() => fixture.InPageAsync(nameof(AnEditorAuthorizesWithAKeyAndCreatesAnArticleWithTryItOut), async page =>
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

        var create = page.Locator(".opblock-post").Filter(new() { Has = page.Locator(".opblock-summary-path[data-path='/api/v1/manage/articles']") });
        await create.Locator(".opblock-summary").ClickAsync();
        var body = create.Locator("textarea.body-param__text");
        await Expect(body).ToBeEditableAsync();
        await Expect(body).ToContainTextAsync("categoryId");
        await body.FillAsync(JsonSerializer.Serialize(new { title, body = "Typed by an editor in Swagger UI.", categoryId = category.GetProperty("id").GetInt32() }));
        await create.Locator("button.execute").ClickAsync();

        await Expect(create.Locator(".live-responses-table .response-col_status").First).ToHaveTextAsync("201");
        await Expect(create.Locator(".live-responses-table .response-col_description")).ToContainTextAsync(title);

        var drafts = await admin.GetFromJsonAsync<JsonElement>("/api/v1/manage/articles?status=draft&pageSize=100", TestContext.Current.CancellationToken);
        Assert.Contains(drafts.GetProperty("items").EnumerateArray(), a => a.GetProperty("title").GetString() == title);
    });
}
