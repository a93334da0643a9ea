using HeadlessCms.Api.Tests.Fixtures;
using HeadlessCms.Data;
using Microsoft.Playwright;

namespace HeadlessCms.Api.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port (a browser cannot reach the in-memory test server), with the demo front end and
/// the demo news, plus one headless Chromium shared by every browser test. Debian's chromium is used as installed:
/// nothing is downloaded at run time.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("HEADLESSCMS_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright? playwright;

    public KestrelApiFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        await ChromiumInstaller.EnsureInstalledAsync(ChromiumPath);

        App.Set("Cms:Demo:Enabled", "true");
        App.Set("Cms:SeedDemoContent", "true");
        await App.InitializeAsync();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        // A busy 2-core machine can take seconds to answer a click: give expectations a generous deadline (they pass as
        // soon as the condition holds, so this only matters when something is slow or wrong).
        Assertions.SetDefaultExpectTimeout(30_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A client of the real port (the factory's own clients assume the in-memory server's address).</summary>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient(new ResponseContractHandler(new HttpClientHandler())) { BaseAddress = new Uri(BaseUrl + "/") };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>Runs a test in a fresh page; on failure, saves a full-page screenshot under the test output's screenshots folder.</summary>
    public async Task InPageAsync(string testName, Func<IPage, Task> test)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{testName}-{DateTime.UtcNow:yyyyMMddHHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            TestContext.Current.SendDiagnosticMessage($"Screenshot of the failure: {file}");
            throw;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>A SQLite-backed app listening on a random local port.</summary>
public sealed class KestrelApiFactory : CmsApiFactory
{
    private string? file;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override ValueTask InitializeAsync()
    {
        ConnectionString = $"Data Source={file = Path.Combine(Path.GetTempPath(), $"hcms-browser-{Guid.NewGuid():N}.db")};Pooling=False";
        UseKestrel(0);
        StartServer();
        return ValueTask.CompletedTask;
    }

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(ConnectionString);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            if (path is not null)
            {
                File.Delete(path);
            }
        }
    }
}
