using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;
using HeadlessCms.Data;

namespace HeadlessCms.Api.Tests.Paging;

/// <summary>The article filters, the management status filter, and the sorts of categories and summaries.</summary>
public abstract class FilterAndSortTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : CmsApiFactory
{
    private readonly Content content = new(factory.CreateEditorClient());

    [Fact]
    public async Task TheCategoryFilterIncludesSubcategoriesOnBothArticleLists()
    {
        var parent = await content.CategoryAsync();
        var child = await content.CategoryAsync(parentId: parent.GetProperty("id").GetInt32());
        var grandchild = await content.CategoryAsync(parentId: child.GetProperty("id").GetInt32());
        var other = await content.CategoryAsync();
        var inParent = await content.PublishedAsync(parent.GetProperty("id").GetInt32());
        var inChild = await content.PublishedAsync(child.GetProperty("id").GetInt32());
        var inGrandchild = await content.PublishedAsync(grandchild.GetProperty("id").GetInt32());
        await content.PublishedAsync(other.GetProperty("id").GetInt32());
        using var client = factory.CreateAnonymousClient();
        int[] family = [inParent.Id(), inChild.Id(), inGrandchild.Id()];

        var filtered = await client.WalkAsync($"/api/v1/articles?category={parent.Text("slug")}", "next");
        var ofCategory = await client.WalkAsync($"/api/v1/categories/{parent.Text("slug")}/articles", "next");
        var ofChild = await client.WalkAsync($"/api/v1/articles?category={child.Text("slug")}", "next");

        Assert.Equal(family.Order(), filtered.Items.Select(Pages.Id).Order());
        Assert.Equal(family.Order(), ofCategory.Items.Select(Pages.Id).Order());
        Assert.Equal(new[] { inChild.Id(), inGrandchild.Id() }.Order(), ofChild.Items.Select(Pages.Id).Order());
    }

    [Fact]
    public async Task TheAuthorFilterKeepsOnlyThatAuthorsArticles()
    {
        var category = await content.CategoryAsync();
        var author = Content.Unique("Ada Lovelace");
        var hers = await content.PublishedAsync(category.GetProperty("id").GetInt32(), author: author);
        await content.PublishedAsync(category.GetProperty("id").GetInt32(), author: Content.Unique("Someone Else"));
        await content.PublishedAsync(category.GetProperty("id").GetInt32());
        using var client = factory.CreateAnonymousClient();

        var page = await client.GetPageAsync($"/api/v1/articles?author={Uri.EscapeDataString(author)}");

        Assert.Equal([hers.Id()], page.Items.Select(Pages.Id));
        Assert.Equal(author, page.Items[0].Text("author"));
    }

    [Fact]
    public async Task PublishedFromAndPublishedToAreInclusiveBounds()
    {
        var category = await content.CategoryAsync();
        var day = new DateTimeOffset(2023, 3, 10, 12, 0, 0, TimeSpan.Zero);
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await content.PublishedAsync(category.GetProperty("id").GetInt32(), day.AddDays(i))).Id());
        }

        using var client = factory.CreateAnonymousClient();
        var url = $"/api/v1/articles?category={category.Text("slug")}&sort=publishedAt";

        var between = await client.GetPageAsync(url + "&publishedFrom=2023-03-11T12:00:00Z&publishedTo=2023-03-13T12:00:00Z");
        var from = await client.GetPageAsync(url + "&publishedFrom=2023-03-13");
        var to = await client.GetPageAsync(url + "&publishedTo=2023-03-11T12:00:00%2B00:00");

        Assert.Equal(ids[1..4], between.Items.Select(Pages.Id));
        Assert.Equal(ids[3..], from.Items.Select(Pages.Id));
        Assert.Equal(ids[..2], to.Items.Select(Pages.Id));
    }

    [Fact]
    public async Task QFindsArticlesByTitleSummaryOrBody()
    {
        var category = await content.CategoryAsync();
        var word = "zq" + Pages.Letters(10);
        var byTitle = await content.PublishedAsync(category.GetProperty("id").GetInt32(), title: $"The {word} affair");
        var bySummary = await content.PublishedAsync(category.GetProperty("id").GetInt32(), summary: $"All about {word} today.");
        var byBody = await content.PublishedAsync(category.GetProperty("id").GetInt32(), body: $"Deep in the text, {word} appears once.");
        await content.PublishedAsync(category.GetProperty("id").GetInt32(), title: "Unrelated news");
        var draft = await content.DraftAsync(category.GetProperty("id").GetInt32(), title: $"Draft {word}");
        using var client = factory.CreateAnonymousClient();

        var found = await client.WalkAsync($"/api/v1/articles?q={word}&pageSize=2", "next");
        var managed = await factory.CreateEditorClient().GetPageAsync($"/api/v1/manage/articles?q={word}");

        Assert.Equal(new[] { byTitle.Id(), bySummary.Id(), byBody.Id() }.Order(), found.Items.Select(Pages.Id).Order());
        Assert.Equal(new[] { byTitle.Id(), bySummary.Id(), byBody.Id(), draft.Id() }.Order(), managed.Items.Select(Pages.Id).Order());
    }

    [Fact]
    public async Task RelevanceRanksATitleMatchAboveABodyMatchOnPostgresAndIsNotOfferedOnSqlite()
    {
        var category = await content.CategoryAsync();
        var word = "zq" + Pages.Letters(10);
        var byBody = await content.PublishedAsync(category.GetProperty("id").GetInt32(), body: $"Somewhere in here is {word}.", publishAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        var byTitle = await content.PublishedAsync(category.GetProperty("id").GetInt32(), title: $"{word} explained", publishAt: DateTimeOffset.UtcNow.AddDays(-3));
        using var client = factory.CreateAnonymousClient();

        var response = await client.GetAsync($"/api/v1/articles?q={word}&sort=relevance", TestContext.Current.CancellationToken);

        if (factory.Provider == DatabaseProvider.Postgres)
        {
            var ranked = await client.WalkAsync($"/api/v1/articles?q={word}&sort=relevance&pageSize=1", "next");
            Assert.Equal([byTitle.Id(), byBody.Id()], ranked.Items.Select(Pages.Id));
            var newest = await client.GetPageAsync($"/api/v1/articles?q={word}");
            Assert.Equal([byBody.Id(), byTitle.Id()], newest.Items.Select(Pages.Id));
        }
        else
        {
            var problem = await response.AssertValidationProblemAsync("sort");
            Assert.DoesNotContain("relevance", problem.GetProperty("errors").GetProperty("sort")[0].GetString()!.Split("Allowed:")[1]);
        }
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("scheduled")]
    [InlineData("published")]
    [InlineData("archived")]
    public async Task TheManagementListFiltersByStatusIncludingScheduled(string status)
    {
        var category = await content.CategoryAsync();
        var categoryId = category.GetProperty("id").GetInt32();
        using var editor = factory.CreateEditorClient();
        var articles = new Dictionary<string, int>
        {
            ["draft"] = (await content.DraftAsync(categoryId)).Id(),
            ["scheduled"] = (await content.PublishedAsync(categoryId, DateTimeOffset.UtcNow.AddDays(2))).Id(),
            ["published"] = (await content.PublishedAsync(categoryId)).Id(),
        };
        var archived = await content.PublishedAsync(categoryId);
        var archive = await editor.PostAsync($"/api/v1/manage/articles/{archived.Id()}/archive", null, TestContext.Current.CancellationToken);
        await archive.AssertJsonAsync();
        articles["archived"] = archived.Id();

        var page = await editor.GetPageAsync($"/api/v1/manage/articles?category={category.Text("slug")}&status={status}");
        var all = await editor.GetPageAsync($"/api/v1/manage/articles?category={category.Text("slug")}");

        Assert.Equal([articles[status]], page.Items.Select(Pages.Id));
        Assert.Equal(status, page.Items[0].Text("status"));
        Assert.Equal(4, all.Items.Count);
    }

    [Theory]
    [InlineData("/api/v1/categories", "")]
    [InlineData("/api/v1/categories", "name")]
    [InlineData("/api/v1/categories", "-name")]
    [InlineData("/api/v1/categories", "createdAt")]
    [InlineData("/api/v1/categories", "-createdAt")]
    [InlineData("/api/v1/manage/categories", "")]
    [InlineData("/api/v1/manage/categories", "-createdAt")]
    public async Task CategoriesSortByNameByDefaultOrByCreatedAt(string list, string sort)
    {
        var stem = "C" + Pages.Letters(6);
        var mine = new List<JsonElement>();
        foreach (var suffix in new[] { "mango", "apple", "Zebra", "apple", "kiwi" })
        {
            mine.Add(await content.CategoryAsync($"{stem} {suffix}"));
        }

        using var editor = factory.CreateEditorClient();
        var walked = await editor.WalkAsync($"{list}?pageSize=3{(sort.Length > 0 ? "&sort=" + sort : "")}", "next");

        var field = sort.Length == 0 ? "name" : sort.TrimStart('-');
        var descending = sort.StartsWith('-');
        Comparison<JsonElement> byKey = field == "name"
            ? (a, b) => string.CompareOrdinal(a.Text("name"), b.Text("name"))
            : (a, b) => a.Time("createdAt").CompareTo(b.Time("createdAt"));
        var expected = walked.Items.OrderBy(a => a, Comparer<JsonElement>.Create((a, b) =>
        {
            var order = byKey(a, b);
            order = order != 0 ? order : a.Id().CompareTo(b.Id());
            return descending ? -order : order;
        })).Select(Pages.Id);
        Assert.Equal(expected, walked.Items.Select(Pages.Id));
        Assert.Equal(walked.Items.Count, walked.Items.Select(Pages.Id).Distinct().Count());
        Assert.Subset(walked.Items.Select(Pages.Id).ToHashSet(), mine.Select(Pages.Id).ToHashSet());
    }

    [Theory]
    [InlineData("")]
    [InlineData("-publishedAt")]
    [InlineData("publishedAt")]
    public async Task SummariesSortByTheirArticlesPublishedAtNewestFirstByDefault(string sort)
    {
        var category = await content.CategoryAsync();
        var at = new DateTimeOffset(2022, 8, 1, 6, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 3; i++)
        {
            await content.PublishedAsync(category.GetProperty("id").GetInt32(), i == 2 ? at : at.AddDays(i), summary: "The short version.");
        }

        using var client = factory.CreateAnonymousClient();
        var walked = await client.WalkAsync($"/api/v1/summaries?pageSize=2{(sort.Length > 0 ? "&sort=" + sort : "")}", "next");

        var articles = walked.Items.Select(i => i.GetProperty("article")).ToList();
        var ascending = sort == "publishedAt";
        var expected = (ascending
            ? articles.OrderBy(a => a.Time("publishedAt")).ThenBy(a => a.Id())
            : articles.OrderByDescending(a => a.Time("publishedAt")).ThenByDescending(a => a.Id())).Select(Pages.Id);
        Assert.Equal(expected, articles.Select(Pages.Id));
        Assert.Equal(articles.Count, articles.Select(Pages.Id).Distinct().Count());
        Assert.Equal(3, articles.Count(a => a.GetProperty("category").Text("slug") == category.Text("slug")));
        Assert.All(walked.Items, i => Assert.False(string.IsNullOrEmpty(i.Text("text"))));
    }
}

public sealed class FilterAndSortTestsOnPostgres(PostgresApiFactory factory) : FilterAndSortTests<PostgresApiFactory>(factory);

public sealed class FilterAndSortTestsOnSqlite(SqliteApiFactory factory) : FilterAndSortTests<SqliteApiFactory>(factory);
