using static Microsoft.Playwright.Assertions;

namespace HeadlessCms.Api.Tests.Browser;

/// <summary>The demo news shows its pictures offline: every featured image is served by the app itself.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoImagesBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public Task EveryImageOnTheDemoFrontPageLoadsFromTheAppItself() => fixture.InPageAsync(nameof(EveryImageOnTheDemoFrontPageLoadsFromTheAppItself), async page =>
    {
        var foreign = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(fixture.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                foreign.Add(request.Url);
            }
        };

        await page.GotoAsync(fixture.BaseUrl + "/demo/");
        await Expect(page.GetByTestId("article-item")).ToHaveCountAsync(10);
        var images = page.Locator("img");
        Assert.True(await images.CountAsync() > 0, "The demo front page shows no image at all.");
        foreach (var image in await images.AllAsync())
        {
            await image.ScrollIntoViewIfNeededAsync();
            await Expect(image).ToHaveJSPropertyAsync("complete", true);
            var width = await image.EvaluateAsync<int>("i => i.naturalWidth");
            Assert.True(width > 0, $"Image {await image.GetAttributeAsync("src")} did not load.");
        }

        Assert.Empty(foreign);
    });
}
