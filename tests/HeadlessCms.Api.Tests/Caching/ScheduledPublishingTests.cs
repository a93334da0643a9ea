using System.Net;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace HeadlessCms.Api.Tests.Caching;

/// <summary>
/// The app's clock is a FakeTimeProvider the test moves: a scheduled time passes exactly when the test says so, not
/// when a busy machine gets round to it. The server cache lives an hour here, so only the app's own rule (cached
/// answers end when the next scheduled article goes live) can make a scheduled article appear in what was cached.
/// </summary>
public abstract class ScheduledPublishingTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory) where TFactory : CmsApiFactory, IFakeClock
{
    private FakeTimeProvider Clock => Factory.Clock;

    [Fact]
    public async Task AScheduledArticleAppearsAtItsTimeWithoutAnyJob()
    {
        var category = await Content.CategoryAsync();
        var publishAt = Clock.GetUtcNow().AddHours(1);
        var scheduled = await Content.PublishedAsync(category.Id(), publishAt: publishAt);
        Assert.Equal("scheduled", scheduled.Text("status"));
        var url = $"/api/v1/articles/{scheduled.Text("slug")}";
        await (await Reader.GetAsync(url, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);

        Clock.SetUtcNow(publishAt.AddMilliseconds(-1));
        await (await Reader.GetAsync(url, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Reader.GetAsync($"{url}/summary", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);

        Clock.SetUtcNow(publishAt);
        var article = await (await Reader.GetAsync(url, Ct)).AssertJsonAsync();
        Assert.Equal(publishAt.UtcDateTime, article.GetProperty("publishedAt").AssertUtc(), TimeSpan.FromMilliseconds(1));
        await (await Reader.GetAsync($"{url}/summary", Ct)).AssertJsonAsync();
        var managed = await (await Editor.GetAsync($"/api/v1/manage/articles/{scheduled.Id()}", Ct)).AssertJsonAsync();
        Assert.Equal("published", managed.Text("status"));
    }

    [Fact]
    public async Task PublishingAScheduledArticleWithoutPublishAtPublishesItNow()
    {
        var category = await Content.CategoryAsync();
        var scheduled = await Content.PublishedAsync(category.Id(), publishAt: Clock.GetUtcNow().AddDays(3));
        Assert.Equal("scheduled", scheduled.Text("status"));

        var now = Clock.GetUtcNow();
        var published = await Content.PublishAsync(scheduled.Id());
        Assert.Equal("published", published.Text("status"));
        Assert.Equal(now.UtcDateTime, published.GetProperty("publishedAt").AssertUtc(), TimeSpan.FromMilliseconds(1));
        await (await Reader.GetAsync($"/api/v1/articles/{scheduled.Text("slug")}", Ct)).AssertJsonAsync();
    }

    [Fact]
    public async Task AScheduledArticleAppearsInListsTotalsAndTheDigestThatWereAlreadyCached()
    {
        var category = await Content.CategoryAsync();
        var visible = await Content.PublishedAsync(category.Id(), publishAt: Clock.GetUtcNow().AddMinutes(-1));
        var publishAt = Clock.GetUtcNow().AddHours(2);
        var scheduled = await Content.PublishedAsync(category.Id(), publishAt: publishAt);
        string[] urls =
        [
            $"/api/v1/articles?category={category.Text("slug")}&page=1",
            $"/api/v1/categories/{category.Text("slug")}/articles?page=1",
            "/api/v1/summaries?pageSize=100&page=1",
        ];

        foreach (var url in urls)
        {
            // Twice: the second answer comes from the server cache, which now holds the list without the scheduled article.
            for (var i = 0; i < 2; i++)
            {
                var page = await (await Reader.GetAsync(url, Ct)).AssertJsonAsync();
                Assert.Contains(visible.Text("slug"), Slugs(page));
                Assert.DoesNotContain(scheduled.Text("slug"), Slugs(page));
            }
        }

        var total = (await (await Reader.GetAsync(urls[0], Ct)).AssertJsonAsync()).GetProperty("page").GetProperty("totalItems").GetInt32();
        Assert.Equal(1, total);

        Clock.SetUtcNow(publishAt.AddSeconds(1));

        foreach (var url in urls)
        {
            var page = await (await Reader.GetAsync(url, Ct)).AssertJsonAsync();
            Assert.True(Slugs(page).Contains(scheduled.Text("slug")), $"{url} still answers what it cached before {publishAt:O}: {page}");
            Assert.Contains(visible.Text("slug"), Slugs(page));
        }

        var after = await (await Reader.GetAsync(urls[0], Ct)).AssertJsonAsync();
        Assert.Equal(2, after.GetProperty("page").GetProperty("totalItems").GetInt32());
        Assert.Equal(scheduled.Text("slug"), Slugs(after)[0]); // the newest first
    }

    private static List<string> Slugs(System.Text.Json.JsonElement page) =>
        page.GetProperty("items").EnumerateArray()
            .Select(i => i.TryGetProperty("article", out var article) ? article.Text("slug") : i.Text("slug"))
            .ToList();
}

/// <summary>A factory whose app reads the time from a clock the test moves.</summary>
public interface IFakeClock
{
    FakeTimeProvider Clock { get; }
}

public sealed class FakeClockPostgresApiFactory : PostgresApiFactory, IFakeClock
{
    public FakeClockPostgresApiFactory() => Set("Cms:Caching:OutputCacheSeconds", "3600");

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

public sealed class FakeClockSqliteApiFactory : SqliteApiFactory, IFakeClock
{
    public FakeClockSqliteApiFactory() => Set("Cms:Caching:OutputCacheSeconds", "3600");

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

public sealed class ScheduledPublishingTestsOnPostgres(FakeClockPostgresApiFactory factory) : ScheduledPublishingTests<FakeClockPostgresApiFactory>(factory);

public sealed class ScheduledPublishingTestsOnSqlite(FakeClockSqliteApiFactory factory) : ScheduledPublishingTests<FakeClockSqliteApiFactory>(factory);
