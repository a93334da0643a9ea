using System.Net;
using System.Net.Http.Json;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Articles;

/// <summary>Markdown shapes that cost Markdig the square of their size, or make it throw.</summary>
public static class PathologicalBodies
{
    public static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    private static string NestedList(int depth) =>
        string.Concat(Enumerable.Range(0, depth).Select(level => new string(' ', level * 2) + "- item\n"));

    public static readonly Dictionary<string, string> All = new()
    {
        ["unclosed links [a]( x 49,000"] = Repeat("[a](", 49_000),
        ["> x 50,000"] = new string('>', 50_000),
        ["nested list 300 deep"] = NestedList(300),
        ["* x 100,000"] = new string('*', 100_000),
        ["*a x 50,000"] = Repeat("*a", 50_000),
        ["_a* x 50,000"] = Repeat("_a*", 50_000),
        ["link chain [a](b) x 20,000"] = Repeat("[a](b)", 20_000),
        ["[ x 1,500"] = new string('[', 1_500),
        ["![ x 900"] = Repeat("![", 900),
        ["unclosed links [a]( x 900"] = Repeat("[a](", 900),
        ["` x 100,000"] = new string('`', 100_000),
        ["< x 50,000"] = new string('<', 50_000),
        ["> - > - x 2,000"] = Repeat("> - ", 2_000),
        ["empty lines x 100,000"] = new string('\n', 100_000),
        ["table 3,000 columns"] = Repeat("|a", 3_000) + "\n" + Repeat("|-", 3_000) + "\n" + Repeat("|b", 3_000),
        ["&# x 30,000"] = Repeat("&#", 30_000),
    };

    public static TheoryData<string> Shapes => [.. All.Keys];
}

/// <summary>
/// Bodies whose rendering cost grows with the square of their size, or that make Markdig throw: each is refused at
/// write time with a problem keyed by "body" that says why, or it is rendered within the budget and then publishes,
/// summarizes and reads like any other article. Never a 500.
/// </summary>
public abstract class PathologicalMarkdownTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory) where TFactory : CmsApiFactory
{
    [Theory]
    [MemberData(nameof(PathologicalBodies.Shapes), MemberType = typeof(PathologicalBodies))]
    public async Task APathologicalBodyIsRefusedWithAReasonOrRenderedNeverA500(string shape)
    {
        var category = await Content.CategoryAsync();
        var categoryId = category.GetProperty("id").GetInt32();
        var response = await Editor.PostAsJsonAsync("/api/v1/manage/articles",
            new { title = Content.Unique("Pathological"), body = PathologicalBodies.All[shape], categoryId }, Ct);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = await response.AssertValidationProblemAsync("body");
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("errors").GetProperty("body")[0].GetString()));
            return;
        }

        // Accepted: then it rendered within the budget, and every later step serves what was stored.
        var created = await response.AssertJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        await (await Editor.PostAsync($"/api/v1/manage/articles/{id}/summary/generate", null, Ct)).AssertJsonAsync();
        var published = await (await Editor.PostAsync($"/api/v1/manage/articles/{id}/publish", null, Ct)).AssertJsonAsync();
        await (await Reader.GetAsync($"/api/v1/articles/{published.Text("slug")}", Ct)).AssertJsonAsync();
    }

    [Fact]
    public async Task TheIssuesProbeBodiesAreRefusedSayingWhy()
    {
        var category = await Content.CategoryAsync();
        var categoryId = category.GetProperty("id").GetInt32();
        foreach (var (body, reason) in new[] { (PathologicalBodies.Repeat("[a](", 49_000), "square brackets"), (new string('>', 50_000), "nests") })
        {
            var response = await Editor.PostAsJsonAsync("/api/v1/manage/articles", new { title = Content.Unique("Probe"), body, categoryId }, Ct);
            var problem = await response.AssertValidationProblemAsync("body");
            Assert.Contains(reason, problem.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        }

        // An update is held to the same rule, and leaves the article as it was.
        var draft = await Content.DraftAsync(categoryId, body: "Fine.");
        var id = draft.GetProperty("id").GetInt32();
        await (await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/articles/{id}",
            new { title = draft.Text("title"), body = new string('>', 50_000), categoryId })).AssertValidationProblemAsync("body");
        var after = await (await Editor.GetAsync($"/api/v1/manage/articles/{id}", Ct)).AssertJsonAsync();
        Assert.Equal("Fine.", after.Text("body"));
    }
}

public sealed class PathologicalMarkdownTestsOnPostgres(PostgresApiFactory factory) : PathologicalMarkdownTests<PostgresApiFactory>(factory);

public sealed class PathologicalMarkdownTestsOnSqlite(SqliteApiFactory factory) : PathologicalMarkdownTests<SqliteApiFactory>(factory);
