using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Categories;

/// <summary>Categories: the delivery tree and its articles, and the editors' CRUD with its conflicts and cycles.</summary>
public abstract class CategoryTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory) where TFactory : CmsApiFactory
{
    private const string Manage = "/api/v1/manage/categories";

    [Fact]
    public async Task CreatingACategoryAnswers201WithLocationAndTheCategory()
    {
        var name = Content.Unique("Local News");

        var response = await Editor.PostAsJsonAsync(Manage, new { name = $"  {name} ", description = "What happens nearby." }, Ct);

        var created = await response.AssertJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"http://localhost{Manage}/{created.Id()}", response.Headers.Location?.ToString());
        Assert.Equal(name, created.Text("name"));
        Assert.Equal(name.ToLowerInvariant().Replace(' ', '-'), created.Text("slug"));
        Assert.Equal("What happens nearby.", created.Text("description"));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("parentId").ValueKind);
        created.GetProperty("createdAt").AssertUtc();
        Assert.NotNull(response.Headers.ETag);
        var fetched = await (await Editor.GetAsync(response.Headers.Location, Ct)).AssertJsonAsync();
        Assert.Equal(created.Id(), fetched.Id());
    }

    [Fact]
    public async Task ACategorySlugFoldsAccentsAndCollisionsGetNumbers()
    {
        var first = await Content.CategoryAsync("Café Déjà Vu");
        var second = await Content.CategoryAsync("Café Déjà Vu");

        Assert.Equal("cafe-deja-vu", first.Text("slug"));
        Assert.Equal("cafe-deja-vu-2", second.Text("slug"));
    }

    [Fact]
    public async Task TheDeliveryListGivesEachCategoryWithItsParentSlug()
    {
        var parent = await Content.CategoryAsync();
        var child = await Content.CategoryAsync(parentId: parent.Id());

        var items = await Reader.AllItemsAsync("/api/v1/categories?pageSize=100");

        var listedParent = items.Single(i => i.Id() == parent.Id());
        var listedChild = items.Single(i => i.Id() == child.Id());
        listedChild.AssertHasProperties("id", "slug", "name", "description", "parentSlug");
        Assert.Equal(parent.Text("slug"), listedChild.Text("parentSlug"));
        Assert.Equal(JsonValueKind.Null, listedParent.GetProperty("parentSlug").ValueKind);
        Assert.Equal(child.Text("name"), listedChild.Text("name"));
    }

    [Fact]
    public async Task TheDeliveryDetailListsTheChildren()
    {
        var parent = await Content.CategoryAsync();
        var first = await Content.CategoryAsync(parentId: parent.Id());
        var second = await Content.CategoryAsync(parentId: parent.Id());
        await Content.CategoryAsync(parentId: first.Id());

        var detail = await (await Reader.GetAsync($"/api/v1/categories/{parent.Text("slug")}", Ct)).AssertJsonAsync();

        detail.AssertHasProperties("id", "slug", "name", "description", "parentSlug", "children");
        Assert.Equal(parent.Id(), detail.Id());
        var children = detail.GetProperty("children").EnumerateArray().ToList();
        Assert.Equal(new[] { first.Id(), second.Id() }.Order(), children.Select(c => c.Id()).Order());
        Assert.All(children, c => c.AssertHasProperties("id", "slug", "name"));
        await (await Reader.GetAsync($"/api/v1/categories/{Content.Unique("none").ToLowerInvariant()}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ACategorysArticlesIncludeItsDescendantsAndOnlyVisibleOnes()
    {
        var parent = await Content.CategoryAsync();
        var child = await Content.CategoryAsync(parentId: parent.Id());
        var grandchild = await Content.CategoryAsync(parentId: child.Id());
        var unrelated = await Content.CategoryAsync();
        var inParent = await Content.PublishedAsync(parent.Id());
        var inChild = await Content.PublishedAsync(child.Id());
        var inGrandchild = await Content.PublishedAsync(grandchild.Id());
        var elsewhere = await Content.PublishedAsync(unrelated.Id());
        var draft = await Content.DraftAsync(child.Id());
        var scheduled = await Content.PublishedAsync(grandchild.Id(), publishAt: DateTimeOffset.UtcNow.AddDays(1));

        var all = await Reader.AllItemsAsync($"/api/v1/categories/{parent.Text("slug")}/articles");
        var ofChild = await Reader.AllItemsAsync($"/api/v1/categories/{child.Text("slug")}/articles");

        Assert.Equal(new[] { inParent.Id(), inChild.Id(), inGrandchild.Id() }.Order(), all.Select(a => a.Id()).Order());
        Assert.Equal(new[] { inChild.Id(), inGrandchild.Id() }.Order(), ofChild.Select(a => a.Id()).Order());
        Assert.DoesNotContain(all, a => a.Id() == elsewhere.Id() || a.Id() == draft.Id() || a.Id() == scheduled.Id());
        all[0].AssertProperties("id", "slug", "title", "author", "category", "publishedAt", "updatedAt", "readingTimeMinutes", "featuredImageUrl", "summary", "links");
        await (await Reader.GetAsync($"/api/v1/categories/{Content.Unique("none").ToLowerInvariant()}/articles", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheManagementListAndGetShowEveryCategory()
    {
        var parent = await Content.CategoryAsync();
        var child = await Content.CategoryAsync(parentId: parent.Id());

        var items = await Editor.AllItemsAsync($"{Manage}?pageSize=100");
        Assert.Contains(items, i => i.Id() == parent.Id());
        var listedChild = items.Single(i => i.Id() == child.Id());
        Assert.Equal(parent.Id(), listedChild.GetProperty("parentId").GetInt32());

        var response = await Editor.GetAsync($"{Manage}/{parent.Id()}", Ct);
        var fetched = await response.AssertJsonAsync();
        Assert.Equal(child.Id(), Assert.Single(fetched.GetProperty("children").EnumerateArray()).Id());
        Assert.NotNull(response.Headers.ETag);
        await (await Editor.GetAsync($"{Manage}/{int.MaxValue}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutReplacesACategoryAndHonoursIfMatch()
    {
        var category = await Content.CategoryAsync();
        var newParent = await Content.CategoryAsync();
        var url = $"{Manage}/{category.Id()}";
        var etag = (await Editor.GetAsync(url, Ct)).Headers.ETag!.ToString();
        var newSlug = Content.Unique("moved").ToLowerInvariant();

        var response = await Editor.SendJsonAsync(HttpMethod.Put, url, new { name = "Renamed", slug = newSlug, description = "New words.", parentId = newParent.Id() }, etag);

        var updated = await response.AssertJsonAsync();
        Assert.Equal("Renamed", updated.Text("name"));
        Assert.Equal(newSlug, updated.Text("slug"));
        Assert.Equal(newParent.Id(), updated.GetProperty("parentId").GetInt32());
        var stale = await Editor.SendJsonAsync(HttpMethod.Put, url, new { name = "Stale write" }, etag);
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal("Renamed", (await (await Editor.GetAsync(url, Ct)).AssertJsonAsync()).Text("name"));
        await (await Editor.PutAsJsonAsync($"{Manage}/{int.MaxValue}", new { name = "X" }, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingAnEmptyCategoryAnswers204ThenItIsGone()
    {
        var category = await Content.CategoryAsync();

        var response = await Editor.DeleteAsync($"{Manage}/{category.Id()}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await Editor.GetAsync($"{Manage}/{category.Id()}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.DeleteAsync($"{Manage}/{category.Id()}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Reader.GetAsync($"/api/v1/categories/{category.Text("slug")}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeletingACategoryWithArticlesIs409SayingHowMany()
    {
        var category = await Content.CategoryAsync();
        await Content.DraftAsync(category.Id());
        await Content.PublishedAsync(category.Id());
        await Content.PublishedAsync(category.Id());

        var response = await Editor.DeleteAsync($"{Manage}/{category.Id()}", Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("3 article", problem.Text("detail"), StringComparison.Ordinal);
        await (await Editor.GetAsync($"{Manage}/{category.Id()}", Ct)).AssertJsonAsync();
    }

    [Fact]
    public async Task DeletingACategoryWithSubcategoriesIs409SayingHowMany()
    {
        var category = await Content.CategoryAsync();
        await Content.CategoryAsync(parentId: category.Id());
        await Content.CategoryAsync(parentId: category.Id());

        var response = await Editor.DeleteAsync($"{Manage}/{category.Id()}", Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("2 subcategor", problem.Text("detail"), StringComparison.Ordinal);
        await (await Editor.GetAsync($"{Manage}/{category.Id()}", Ct)).AssertJsonAsync();
    }

    [Fact]
    public async Task AParentThatWouldMakeACycleIsAValidationProblem()
    {
        var top = await Content.CategoryAsync();
        var middle = await Content.CategoryAsync(parentId: top.Id());
        var bottom = await Content.CategoryAsync(parentId: middle.Id());

        var underGrandchild = await Editor.PutAsJsonAsync($"{Manage}/{top.Id()}", new { name = top.Text("name"), parentId = bottom.Id() }, Ct);
        await underGrandchild.AssertValidationProblemAsync("parentId");
        var underItself = await Editor.PutAsJsonAsync($"{Manage}/{middle.Id()}", new { name = middle.Text("name"), parentId = middle.Id() }, Ct);
        await underItself.AssertValidationProblemAsync("parentId");

        var unchanged = await (await Editor.GetAsync($"{Manage}/{top.Id()}", Ct)).AssertJsonAsync();
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("parentId").ValueKind);
    }

    [Theory]
    [InlineData("name", "blank name")]
    [InlineData("name", "missing name")]
    [InlineData("name", "name of 101 characters")]
    [InlineData("description", "description of 501 characters")]
    [InlineData("parentId", "unknown parent")]
    [InlineData("parentId", "parent 0")]
    [InlineData("slug", "bad slug")]
    [InlineData("slug", "slug with a trailing newline")]
    public async Task AnInvalidCategoryIsA400ProblemKeyedByTheCamelCaseField(string field, string invalid)
    {
        var existing = await Content.CategoryAsync();
        object payload = invalid switch
        {
            "blank name" => new { name = "  " },
            "missing name" => new { description = "D" },
            "name of 101 characters" => new { name = new string('n', 101) },
            "description of 501 characters" => new { name = "N", description = new string('d', 501) },
            "unknown parent" => new { name = "N", parentId = int.MaxValue },
            "parent 0" => new { name = "N", parentId = 0 },
            "bad slug" => new { name = "N", slug = "Bad_Slug" },
            "slug with a trailing newline" => new { name = "N", slug = "news\n" },
            _ => throw new ArgumentOutOfRangeException(nameof(invalid)),
        };

        await (await Editor.PostAsJsonAsync(Manage, payload, Ct)).AssertValidationProblemAsync(field);
        await (await Editor.PutAsJsonAsync($"{Manage}/{existing.Id()}", payload, Ct)).AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task ATakenCategorySlugIsA409Problem()
    {
        var taken = await Content.CategoryAsync();
        var other = await Content.CategoryAsync();

        await (await Editor.PostAsJsonAsync(Manage, new { name = "N", slug = taken.Text("slug") }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await Editor.PutAsJsonAsync($"{Manage}/{other.Id()}", new { name = "N", slug = taken.Text("slug") }, Ct)).AssertProblemAsync(HttpStatusCode.Conflict);
    }
}

public sealed class CategoryTestsOnPostgres(PostgresApiFactory factory) : CategoryTests<PostgresApiFactory>(factory);

public sealed class CategoryTestsOnSqlite(SqliteApiFactory factory) : CategoryTests<SqliteApiFactory>(factory);
