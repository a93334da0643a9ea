using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Paging;

/// <summary>An article's previous and next visible articles, in (publishedAt, id) order, overall or within its category.</summary>
public abstract class NavigationTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : CmsApiFactory
{
    private readonly Content content = new(factory.CreateEditorClient());

    [Fact]
    public async Task NeighboursFollowPublishedAtThenIdIncludingTies()
    {
        var category = await content.CategoryAsync();
        var tie = new DateTimeOffset(2019, 4, 2, 10, 0, 0, TimeSpan.Zero);
        var before = await content.PublishedAsync(category.GetProperty("id").GetInt32(), tie.AddHours(-1));
        var tied = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            tied.Add(await content.PublishedAsync(category.GetProperty("id").GetInt32(), tie));
        }

        var after = await content.PublishedAsync(category.GetProperty("id").GetInt32(), tie.AddHours(1));
        List<JsonElement> chain = [before, .. tied.OrderBy(t => t.Id()), after];

        for (var i = 1; i < chain.Count - 1; i++)
        {
            foreach (var mode in new[] { "", "?navigation=category", "?navigation=all" })
            {
                var navigation = await NavigationOfAsync(chain[i], mode);
                AssertNeighbour(chain[i - 1], navigation.GetProperty("previous"));
                AssertNeighbour(chain[i + 1], navigation.GetProperty("next"));
            }
        }
    }

    [Fact]
    public async Task TheOldestAndNewestArticlesHaveNoPreviousAndNoNext()
    {
        var category = await content.CategoryAsync();
        var oldest = await content.PublishedAsync(category.GetProperty("id").GetInt32(), new DateTimeOffset(1970, 1, 2, 0, 0, 0, TimeSpan.Zero));
        var middle = await content.PublishedAsync(category.GetProperty("id").GetInt32(), new DateTimeOffset(1970, 1, 3, 0, 0, 0, TimeSpan.Zero));
        var draft = await content.DraftAsync(category.GetProperty("id").GetInt32());
        var newest = await content.PublishAsync(draft.Id());

        var first = await NavigationOfAsync(oldest, "");
        var last = await NavigationOfAsync(newest, "");

        Assert.Equal(JsonValueKind.Null, first.GetProperty("previous").ValueKind);
        AssertNeighbour(middle, first.GetProperty("next"));
        Assert.Equal(JsonValueKind.Null, last.GetProperty("next").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, last.GetProperty("previous").ValueKind);
    }

    [Fact]
    public async Task CategoryNavigationStaysWithinTheArticlesCategoryAndEndsThere()
    {
        var mine = await content.CategoryAsync();
        var other = await content.CategoryAsync();
        var at = new DateTimeOffset(2018, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var first = await content.PublishedAsync(mine.GetProperty("id").GetInt32(), at);
        var between1 = await content.PublishedAsync(other.GetProperty("id").GetInt32(), at.AddMinutes(1));
        var second = await content.PublishedAsync(mine.GetProperty("id").GetInt32(), at.AddMinutes(2));
        var between2 = await content.PublishedAsync(other.GetProperty("id").GetInt32(), at.AddMinutes(3));
        var third = await content.PublishedAsync(mine.GetProperty("id").GetInt32(), at.AddMinutes(4));

        var overall = await NavigationOfAsync(second, "");
        var withinCategory = await NavigationOfAsync(second, "?navigation=category");
        var firstInCategory = await NavigationOfAsync(first, "?navigation=category");
        var lastInCategory = await NavigationOfAsync(third, "?navigation=category");

        AssertNeighbour(between1, overall.GetProperty("previous"));
        AssertNeighbour(between2, overall.GetProperty("next"));
        AssertNeighbour(first, withinCategory.GetProperty("previous"));
        AssertNeighbour(third, withinCategory.GetProperty("next"));
        Assert.Equal(JsonValueKind.Null, firstInCategory.GetProperty("previous").ValueKind);
        Assert.Equal(JsonValueKind.Null, lastInCategory.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task DraftsScheduledAndArchivedArticlesAreNeverNeighbours()
    {
        var category = await content.CategoryAsync();
        var categoryId = category.GetProperty("id").GetInt32();
        var at = new DateTimeOffset(2017, 9, 9, 9, 0, 0, TimeSpan.Zero);
        var previous = await content.PublishedAsync(categoryId, at);
        var archived = await content.PublishedAsync(categoryId, at.AddMinutes(1));
        using var editor = factory.CreateEditorClient();
        await (await editor.PostAsync($"/api/v1/manage/articles/{archived.Id()}/archive", null, TestContext.Current.CancellationToken)).AssertJsonAsync();
        var unpublished = await content.PublishedAsync(categoryId, at.AddMinutes(2));
        await (await editor.PostAsync($"/api/v1/manage/articles/{unpublished.Id()}/unpublish", null, TestContext.Current.CancellationToken)).AssertJsonAsync();
        var current = await content.PublishedAsync(categoryId, at.AddMinutes(3));
        await content.DraftAsync(categoryId);
        var scheduled = await content.PublishedAsync(categoryId, DateTimeOffset.UtcNow.AddDays(1));

        var navigation = await NavigationOfAsync(current, "?navigation=category");
        var ofPrevious = await NavigationOfAsync(previous, "?navigation=category");

        AssertNeighbour(previous, navigation.GetProperty("previous"));
        Assert.Equal(JsonValueKind.Null, navigation.GetProperty("next").ValueKind);
        AssertNeighbour(current, ofPrevious.GetProperty("next"));
        using var reader = factory.CreateAnonymousClient();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/articles/{scheduled.Text("slug")}", TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<JsonElement> NavigationOfAsync(JsonElement article, string query)
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.GetAsync($"/api/v1/articles/{article.Text("slug")}{query}", TestContext.Current.CancellationToken);
        return (await response.AssertJsonAsync()).GetProperty("navigation");
    }

    private static void AssertNeighbour(JsonElement expected, JsonElement neighbour)
    {
        Assert.Equal(JsonValueKind.Object, neighbour.ValueKind);
        Assert.Equal(expected.Text("slug"), neighbour.Text("slug"));
        Assert.Equal(expected.Text("title"), neighbour.Text("title"));
        Assert.Equal(expected.Time("publishedAt"), neighbour.Time("publishedAt"));
        Assert.Equal("http://localhost/api/v1/articles/" + expected.Text("slug"), neighbour.Text("url"));
    }
}

public sealed class NavigationTestsOnPostgres(PostgresApiFactory factory) : NavigationTests<PostgresApiFactory>(factory);

public sealed class NavigationTestsOnSqlite(SqliteApiFactory factory) : NavigationTests<SqliteApiFactory>(factory);
