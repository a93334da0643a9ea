using System.Net;
using System.Text.Json;
using HeadlessCms.Api.Summaries;
using HeadlessCms.Api.Tests.Fixtures;
using HeadlessCms.Data.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessCms.Api.Tests.Summaries;

/// <summary>Every published article has a summary: the editor's when there is one, else one the CMS makes.</summary>
public abstract class SummaryApiTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory) where TFactory : CmsApiFactory
{
    private const string Body = """
        # Council approves budget

        The city council approved a new budget on Monday after a long debate. Dr. Ann Lee said the plan adds 3.5 percent to school funding.
        Residents had asked for more buses. The U.S. government will match part of the cost.

        Critics said the plan was rushed. The mayor disagreed.
        """;

    [Fact]
    public async Task PublishingWithoutASummaryGeneratesOneFromTheBody()
    {
        var article = await PublishedAsync();
        var summary = await (await Reader.GetAsync($"/api/v1/articles/{article.GetProperty("slug").GetString()}/summary", Ct)).AssertJsonAsync();
        Assert.Equal("generated", summary.GetProperty("source").GetString());
        var text = summary.GetProperty("text").GetString()!;
        Assert.StartsWith("The city council approved a new budget on Monday", text, StringComparison.Ordinal);
        Assert.DoesNotContain("#", text, StringComparison.Ordinal);
        Assert.Equal(article.GetProperty("slug").GetString(), summary.GetProperty("article").GetProperty("slug").GetString());
        Assert.EndsWith("Z", summary.GetProperty("updatedAt").GetString(), StringComparison.Ordinal);

        var managed = await (await Editor.GetAsync($"/api/v1/manage/articles/{Id(article)}/summary", Ct)).AssertJsonAsync();
        Assert.Equal("generated", managed.GetProperty("source").GetString());
        Assert.False(string.IsNullOrEmpty(managed.GetProperty("generator").GetString()));
        Assert.False(managed.GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task AnEditorsSummaryReplacesTheGeneratedOneAndDeletingItBringsOneBack()
    {
        var article = await PublishedAsync();
        var slug = article.GetProperty("slug").GetString();

        var put = await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{Id(article)}/summary", new { text = "Budget passes after a long night." });
        Assert.Equal("editor", (await put.AssertJsonAsync()).GetProperty("source").GetString());
        var shown = await (await Reader.GetAsync($"/api/v1/articles/{slug}/summary", Ct)).AssertJsonAsync();
        Assert.Equal("Budget passes after a long night.", shown.GetProperty("text").GetString());
        Assert.Equal("editor", shown.GetProperty("source").GetString());

        var delete = await Editor.DeleteAsync($"/api/v1/manage/articles/{Id(article)}/summary", Ct);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var restored = await (await Reader.GetAsync($"/api/v1/articles/{slug}/summary", Ct)).AssertJsonAsync();
        Assert.Equal("generated", restored.GetProperty("source").GetString());
    }

    [Fact]
    public async Task ABodyEditRegeneratesAGeneratedSummary()
    {
        var article = await PublishedAsync();
        await UpdateBodyAsync(article, "Storm closes the harbour for two days. Ferries will resume on Friday.");
        var summary = await (await Reader.GetAsync($"/api/v1/articles/{article.GetProperty("slug").GetString()}/summary", Ct)).AssertJsonAsync();
        Assert.Equal("generated", summary.GetProperty("source").GetString());
        Assert.StartsWith("Storm closes the harbour", summary.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyEditKeepsTheEditorsSummaryButMarksItStale()
    {
        var article = await PublishedAsync();
        await (await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{Id(article)}/summary", new { text = "Editor wrote this." })).AssertJsonAsync();
        var updated = await UpdateBodyAsync(article, "An entirely new story. Nothing else matters.");

        Assert.Equal("Editor wrote this.", updated.GetProperty("summary").GetProperty("text").GetString());
        Assert.True(updated.GetProperty("summary").GetProperty("stale").GetBoolean());
        var managed = await (await Editor.GetAsync($"/api/v1/manage/articles/{Id(article)}/summary", Ct)).AssertJsonAsync();
        Assert.True(managed.GetProperty("stale").GetBoolean());

        // Saving the summary again is the editor confirming it still fits.
        var saved = await (await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{Id(article)}/summary", new { text = "Editor wrote this." })).AssertJsonAsync();
        Assert.False(saved.GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task GenerateMakesAPreviewForADraftAndRespectsTheEditorsSummaryUnlessReplaceIsSet()
    {
        var category = await Content.CategoryAsync();
        var draft = await Content.DraftAsync(Id(category), body: Body);
        var generated = await (await Editor.PostAsync($"/api/v1/manage/articles/{Id(draft)}/summary/generate", null, Ct)).AssertJsonAsync();
        Assert.Equal("generated", generated.GetProperty("source").GetString());
        Assert.True(generated.GetProperty("saved").GetBoolean());

        await (await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{Id(draft)}/summary", new { text = "Mine." })).AssertJsonAsync();
        var preview = await (await Editor.PostAsync($"/api/v1/manage/articles/{Id(draft)}/summary/generate", null, Ct)).AssertJsonAsync();
        Assert.False(preview.GetProperty("saved").GetBoolean());
        var kept = await (await Editor.GetAsync($"/api/v1/manage/articles/{Id(draft)}/summary", Ct)).AssertJsonAsync();
        Assert.Equal("Mine.", kept.GetProperty("text").GetString());

        var replaced = await (await Editor.PostAsync($"/api/v1/manage/articles/{Id(draft)}/summary/generate?replace=true", null, Ct)).AssertJsonAsync();
        Assert.True(replaced.GetProperty("saved").GetBoolean());
        Assert.Equal("generated", (await (await Editor.GetAsync($"/api/v1/manage/articles/{Id(draft)}/summary", Ct)).AssertJsonAsync()).GetProperty("source").GetString());
    }

    [Fact]
    public async Task TheDigestListsEveryVisibleArticleAndNothingElse()
    {
        var category = await Content.CategoryAsync();
        var visible = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            visible.Add((await Content.PublishedAsync(Id(category), body: Body)).GetProperty("slug").GetString()!);
        }

        var draft = await Content.DraftAsync(Id(category), body: Body, summary: "A draft's summary.");
        var scheduled = await Content.PublishedAsync(Id(category), DateTimeOffset.UtcNow.AddDays(2), body: Body);

        var digest = new List<JsonElement>();
        for (string? url = "/api/v1/summaries?pageSize=100"; url is not null;)
        {
            var page = await (await Reader.GetAsync(url, Ct)).AssertJsonAsync();
            digest.AddRange(page.GetProperty("items").EnumerateArray());
            url = page.GetProperty("links").GetProperty("next").GetString();
        }

        var slugs = digest.Select(d => d.GetProperty("article").GetProperty("slug").GetString()).ToList();
        Assert.All(visible, s => Assert.Contains(s, slugs));
        Assert.DoesNotContain(draft.GetProperty("slug").GetString(), slugs);
        Assert.DoesNotContain(scheduled.GetProperty("slug").GetString(), slugs);
        var item = digest.First(d => d.GetProperty("article").GetProperty("slug").GetString() == visible[0]);
        Assert.Equal(category.GetProperty("slug").GetString(), item.GetProperty("article").GetProperty("category").GetProperty("slug").GetString());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("text").GetString()));

        await using var db = Factory.NewDbContext();
        var now = DateTime.UtcNow;
        var visibleCount = await db.Articles.CountAsync(a => a.Status == ArticleStatus.Published && a.PublishedAt <= now, Ct);
        Assert.Equal(visibleCount, digest.Count);
    }

    [Fact]
    public async Task TheBackfillGivesEveryPublishedArticleWithoutASummaryOne()
    {
        var article = await PublishedAsync();
        await using (var db = Factory.NewDbContext())
        {
            // As if the article had been published before summaries existed.
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"Articles\" SET \"SummaryText\" = NULL, \"SummarySource\" = NULL, \"SummaryGenerator\" = NULL, \"SummaryBodyVersion\" = NULL, \"SummaryUpdatedAt\" = NULL WHERE \"Id\" = {0}",
                [Id(article)], Ct);
        }

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var made = await scope.ServiceProvider.GetRequiredService<SummaryBackfill>().RunAsync(null, Ct);
            Assert.True(made >= 1);
        }

        var managed = await (await Editor.GetAsync($"/api/v1/manage/articles/{Id(article)}/summary", Ct)).AssertJsonAsync();
        Assert.Equal("generated", managed.GetProperty("source").GetString());
    }

    [Fact]
    public async Task AnArticleWithoutASummaryAnswers404()
    {
        var category = await Content.CategoryAsync();
        var draft = await Content.DraftAsync(Id(category));
        await (await Editor.GetAsync($"/api/v1/manage/articles/{Id(draft)}/summary", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Reader.GetAsync($"/api/v1/articles/{draft.GetProperty("slug").GetString()}/summary", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Reader.GetAsync("/api/v1/articles/no-such-article/summary", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ABlankEditorsSummaryIsAValidationProblem()
    {
        var article = await PublishedAsync();
        var response = await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{Id(article)}/summary", new { text = "  " });
        await response.AssertValidationProblemAsync("text");
        var tooLong = await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{Id(article)}/summary", new { text = new string('a', 1001) });
        await tooLong.AssertValidationProblemAsync("text");
    }

    private async Task<JsonElement> PublishedAsync()
    {
        var category = await Content.CategoryAsync();
        return await Content.PublishedAsync(Id(category), body: Body);
    }

    private async Task<JsonElement> UpdateBodyAsync(JsonElement article, string body)
    {
        var current = await (await Editor.GetAsync($"/api/v1/manage/articles/{Id(article)}", Ct)).AssertJsonAsync();
        var response = await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{Id(article)}", new
        {
            title = current.GetProperty("title").GetString(),
            body,
            categoryId = current.GetProperty("category").GetProperty("id").GetInt32(),
        });
        return await response.AssertJsonAsync();
    }

    private static int Id(JsonElement element) => element.GetProperty("id").GetInt32();
}

public sealed class SummaryApiTestsOnPostgres(PostgresApiFactory factory) : SummaryApiTests<PostgresApiFactory>(factory);

public sealed class SummaryApiTestsOnSqlite(SqliteApiFactory factory) : SummaryApiTests<SqliteApiFactory>(factory);
