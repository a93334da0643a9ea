using System.Net;
using System.Net.Http.Json;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Tests.Articles;

/// <summary>Slugs: made from titles, validated when given, unique under concurrency, and remembered after a rename.</summary>
public abstract class SlugTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory) where TFactory : CmsApiFactory
{
    private const string Articles = "/api/v1/manage/articles";

    [Fact]
    public async Task AnOmittedSlugIsMadeFromTheTitleWithAccentsFolded()
    {
        var category = await Content.CategoryAsync();

        var article = await Content.DraftAsync(category.Id(), title: "Café Déjà Vu");

        Assert.Equal("cafe-deja-vu", article.Text("slug"));
    }

    [Theory]
    [InlineData("Hello,   World!! 2026 -- ÜBER straße", "hello-world-2026-uber-strasse")]
    [InlineData("  ¿Qué pasó?  ", "que-paso")]
    [InlineData("C# & .NET: 10 tips", "c-net-10-tips")]
    public async Task EveryOtherRunOfCharactersBecomesOneHyphen(string title, string expected)
    {
        var category = await Content.CategoryAsync();
        var suffix = Content.Unique("x").ToLowerInvariant();

        var article = await Content.DraftAsync(category.Id(), title: $"{title} {suffix}");

        Assert.Equal($"{expected}-{suffix}", article.Text("slug"));
    }

    [Fact]
    public async Task ATakenSlugFromATitleGetsTheNextFreeNumber()
    {
        var category = await Content.CategoryAsync();
        var title = Content.Unique("Same Title");

        var first = await Content.DraftAsync(category.Id(), title: title);
        var second = await Content.DraftAsync(category.Id(), title: title);
        var third = await Content.DraftAsync(category.Id(), title: title);

        var slug = first.Text("slug");
        Assert.Equal(title.ToLowerInvariant().Replace(' ', '-'), slug);
        Assert.Equal(slug + "-2", second.Text("slug"));
        Assert.Equal(slug + "-3", third.Text("slug"));
    }

    [Fact]
    public async Task ALongTitleMakesASlugOfAtMost100CharactersCutAtAWord()
    {
        var category = await Content.CategoryAsync();
        var words = string.Join(' ', Enumerable.Range(1, 25).Select(i => $"word{i}"));
        var title = Content.Unique("lead") + " " + words;

        var article = await Content.DraftAsync(category.Id(), title: title);
        var again = await Content.DraftAsync(category.Id(), title: title);

        var slug = article.Text("slug");
        var full = title.ToLowerInvariant().Replace(' ', '-');
        Assert.InRange(slug.Length, 50, 100);
        Assert.StartsWith(slug, full, StringComparison.Ordinal);
        Assert.Equal('-', full[slug.Length]);
        var second = again.Text("slug");
        Assert.True(second.Length <= 100, second);
        Assert.EndsWith("-2", second, StringComparison.Ordinal);
        Assert.NotEqual(slug, second);
    }

    [Theory]
    [InlineData("Upper-Case")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("with space")]
    [InlineData("ümlaut")]
    [InlineData("under_score")]
    [InlineData("")]
    [InlineData("trailing-newline\n")]
    [InlineData("\nleading-newline")]
    [InlineData("carriage\r")]
    public async Task AGivenSlugThatBreaksTheRulesIsAValidationProblem(string slug)
    {
        var category = await Content.CategoryAsync();

        var response = await Editor.PostAsJsonAsync(Articles, new { title = "T", body = "B", categoryId = category.Id(), slug }, Ct);

        await response.AssertValidationProblemAsync("slug");
    }

    [Fact]
    public async Task AGivenSlugOver100CharactersIsAValidationProblemAnd100IsFine()
    {
        var category = await Content.CategoryAsync();
        var stem = Content.Unique("s").ToLowerInvariant();
        var hundred = stem + "-" + new string('a', 99 - stem.Length);
        Assert.Equal(100, hundred.Length);

        var tooLong = await Editor.PostAsJsonAsync(Articles, new { title = "T", body = "B", categoryId = category.Id(), slug = hundred + "b" }, Ct);
        await tooLong.AssertValidationProblemAsync("slug");

        var fine = await Editor.PostAsJsonAsync(Articles, new { title = "T", body = "B", categoryId = category.Id(), slug = hundred }, Ct);
        Assert.Equal(hundred, (await fine.AssertJsonAsync(HttpStatusCode.Created)).Text("slug"));
    }

    [Fact]
    public async Task AGivenSlugThatIsTakenIsA409ProblemOnCreateAndOnUpdate()
    {
        var category = await Content.CategoryAsync();
        var taken = await Content.DraftAsync(category.Id(), slug: Content.Unique("taken").ToLowerInvariant());
        var other = await Content.DraftAsync(category.Id());

        var create = await Editor.PostAsJsonAsync(Articles, new { title = "T", body = "B", categoryId = category.Id(), slug = taken.Text("slug") }, Ct);
        var problem = await create.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(taken.Text("slug"), problem.Text("detail"), StringComparison.Ordinal);

        var update = await Editor.PutAsJsonAsync($"{Articles}/{other.Id()}", new { title = "T", body = "B", categoryId = category.Id(), slug = taken.Text("slug") }, Ct);
        await update.AssertProblemAsync(HttpStatusCode.Conflict);
        var unchanged = await (await Editor.GetAsync($"{Articles}/{other.Id()}", Ct)).AssertJsonAsync();
        Assert.Equal(other.Text("slug"), unchanged.Text("slug"));
    }

    [Fact]
    public async Task TwentyConcurrentCreatesOfOneSlugGiveExactlyOne201AndOnly409s()
    {
        var category = await Content.CategoryAsync();
        var slug = Content.Unique("race").ToLowerInvariant();
        using var start = new SemaphoreSlim(0);

        var attempts = Enumerable.Range(1, 20).Select(async i =>
        {
            await start.WaitAsync(Ct);
            return await Editor.PostAsJsonAsync(Articles, new { title = $"Racer {i}", body = "B", categoryId = category.Id(), slug }, Ct);
        }).ToList();
        start.Release(20);
        var responses = await Task.WhenAll(attempts);

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.True(statuses.Count(s => s == 201) == 1 && statuses.Count(s => s == 409) == 19, "statuses: " + string.Join(", ", statuses));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            await conflict.AssertProblemAsync(HttpStatusCode.Conflict);
        }

        var stored = await Editor.AllItemsAsync($"{Articles}?category={category.Text("slug")}");
        Assert.Equal(slug, Assert.Single(stored).Text("slug"));
    }

    [Fact]
    public async Task ConcurrentCreatesFromOneTitleAllSucceedWithNumberedSlugs()
    {
        var category = await Content.CategoryAsync();
        var title = Content.Unique("Busy Title");
        var slug = title.ToLowerInvariant().Replace(' ', '-');
        using var start = new SemaphoreSlim(0);

        var attempts = Enumerable.Range(1, 10).Select(async _ =>
        {
            await start.WaitAsync(Ct);
            return await Editor.PostAsJsonAsync(Articles, new { title, body = "B", categoryId = category.Id() }, Ct);
        }).ToList();
        start.Release(10);
        var responses = await Task.WhenAll(attempts);

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.True(statuses.All(s => s == 201), "statuses: " + string.Join(", ", statuses));
        var slugs = (await Editor.AllItemsAsync($"{Articles}?category={category.Text("slug")}")).Select(a => a.Text("slug")).Order().ToList();
        Assert.Equal(new[] { slug }.Concat(Enumerable.Range(2, 9).Select(n => $"{slug}-{n}")).Order(), slugs);
    }

    [Fact]
    public async Task ConcurrentCreatesOfOneCategoryNameAllSucceedWithNumberedSlugs()
    {
        var name = Content.Unique("Busy Section");

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(_ =>
            Editor.PostAsJsonAsync("/api/v1/manage/categories", new { name }, Ct)));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.True(statuses.All(s => s == 201), "statuses: " + string.Join(", ", statuses));
        var slugs = new List<string>();
        foreach (var response in responses)
        {
            slugs.Add((await response.AssertJsonAsync(HttpStatusCode.Created)).Text("slug"));
        }

        Assert.Equal(8, slugs.Distinct().Count());
    }

    [Fact]
    public async Task DeletingARenamedArticleRetiresItsFormerSlugsToo()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.Id());
        var oldSlug = article.Text("slug");
        await (await Editor.PutAsJsonAsync($"{Articles}/{article.Id()}",
            new { title = "Renamed", body = "B", categoryId = category.Id(), slug = Content.Unique("gone").ToLowerInvariant() }, Ct)).AssertJsonAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"{Articles}/{article.Id()}", Ct)).StatusCode);

        await (await Reader.GetAsync($"/api/v1/articles/{oldSlug}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        var reused = await Content.PublishedAsync(category.Id(), title: "Reuse");
        var renamedToOld = await Editor.PutAsJsonAsync($"{Articles}/{reused.Id()}",
            new { title = "Reuse", body = "B", categoryId = category.Id(), slug = oldSlug }, Ct);
        await renamedToOld.AssertJsonAsync();
        await (await Reader.GetAsync($"/api/v1/articles/{oldSlug}", Ct)).AssertJsonAsync();
    }

    [Fact]
    public async Task AFormerSlugAnswers301WithTheCurrentUrl()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.Id());
        var oldSlug = article.Text("slug");
        var newSlug = Content.Unique("renamed").ToLowerInvariant();
        var newestSlug = Content.Unique("renamed-again").ToLowerInvariant();

        var renamed = await (await Editor.PutAsJsonAsync($"{Articles}/{article.Id()}",
            new { title = "Renamed", body = "B", categoryId = category.Id(), slug = newSlug }, Ct)).AssertJsonAsync();
        Assert.Equal(newSlug, renamed.Text("slug"));

        var redirect = await Reader.GetAsync($"/api/v1/articles/{oldSlug}", Ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"http://localhost/api/v1/articles/{newSlug}", redirect.Headers.Location?.ToString());
        await (await Reader.GetAsync(redirect.Headers.Location, Ct)).AssertJsonAsync();

        await (await Editor.PutAsJsonAsync($"{Articles}/{article.Id()}",
            new { title = "Renamed again", body = "B", categoryId = category.Id(), slug = newestSlug }, Ct)).AssertJsonAsync();
        foreach (var former in new[] { oldSlug, newSlug })
        {
            var again = await Reader.GetAsync($"/api/v1/articles/{former}", Ct);
            Assert.Equal(HttpStatusCode.MovedPermanently, again.StatusCode);
            Assert.Equal($"http://localhost/api/v1/articles/{newestSlug}", again.Headers.Location?.ToString());
        }

        var managed = await (await Editor.GetAsync($"{Articles}/{article.Id()}", Ct)).AssertJsonAsync();
        Assert.Equal([oldSlug, newSlug], managed.GetProperty("formerSlugs").EnumerateArray().Select(s => s.GetString()!));
    }

    [Fact]
    public async Task AFormerSlugOfAnArticleWhoseStoredSlugHoldsANewlineRedirectsWithAnEscapedLocation()
    {
        // Rows written before slugs were checked with \z may hold a trailing newline: their 301 must still be a 301.
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.Id());
        var oldSlug = article.Text("slug");
        var newSlug = Content.Unique("legacy").ToLowerInvariant();
        await (await Editor.PutAsJsonAsync($"{Articles}/{article.Id()}",
            new { title = "Legacy", body = "B", categoryId = category.Id(), slug = newSlug }, Ct)).AssertJsonAsync();
        await using (var db = Factory.NewDbContext())
        {
            var stored = await db.Articles.AsTracking().SingleAsync(a => a.Id == article.Id(), Ct);
            stored.Slug = newSlug + "\n";
            await db.SaveChangesAsync(Ct);
        }

        var redirect = await Reader.GetAsync($"/api/v1/articles/{oldSlug}", Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal($"http://localhost/api/v1/articles/{newSlug}%0A", redirect.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AFormerSlugOfAnArticleThatIsNoLongerVisibleIs404()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.Id());
        var oldSlug = article.Text("slug");
        await (await Editor.PutAsJsonAsync($"{Articles}/{article.Id()}",
            new { title = "Renamed", body = "B", categoryId = category.Id(), slug = Content.Unique("moved").ToLowerInvariant() }, Ct)).AssertJsonAsync();
        await (await Editor.SendJsonAsync(HttpMethod.Post, $"{Articles}/{article.Id()}/unpublish", null)).AssertJsonAsync();

        var response = await Reader.GetAsync($"/api/v1/articles/{oldSlug}", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnArticleMayTakeBackItsOwnFormerSlug()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.Id());
        var original = article.Text("slug");
        await (await Editor.PutAsJsonAsync($"{Articles}/{article.Id()}",
            new { title = "T", body = "B", categoryId = category.Id(), slug = Content.Unique("detour").ToLowerInvariant() }, Ct)).AssertJsonAsync();

        var back = await (await Editor.PutAsJsonAsync($"{Articles}/{article.Id()}",
            new { title = "T", body = "B", categoryId = category.Id(), slug = original }, Ct)).AssertJsonAsync();

        Assert.Equal(original, back.Text("slug"));
        await (await Reader.GetAsync($"/api/v1/articles/{original}", Ct)).AssertJsonAsync();
    }
}

public sealed class SlugTestsOnPostgres(PostgresApiFactory factory) : SlugTests<PostgresApiFactory>(factory);

public sealed class SlugTestsOnSqlite(SqliteApiFactory factory) : SlugTests<SqliteApiFactory>(factory);
