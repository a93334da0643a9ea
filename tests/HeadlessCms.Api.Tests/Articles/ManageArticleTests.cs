using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Articles;

/// <summary>The editors' article API: writes, the publishing workflow, If-Match, validation and unreadable requests.</summary>
public abstract class ManageArticleTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory) where TFactory : CmsApiFactory
{
    private const string Articles = "/api/v1/manage/articles";

    [Fact]
    public async Task CreatingAnArticleAnswers201WithLocationETagAndTheDraft()
    {
        var category = await Content.CategoryAsync();
        var title = Content.Unique("Created article");

        var response = await Editor.PostAsJsonAsync(Articles, new
        {
            title = "  " + title + "  ",
            body = "Body text.",
            categoryId = category.Id(),
            author = "Jo Writer",
            featuredImageUrl = "https://images.example/cover.jpg",
            summary = "Editor summary.",
        }, Ct);

        var created = await response.AssertJsonAsync(HttpStatusCode.Created);
        Assert.Equal($"http://localhost{Articles}/{created.Id()}", response.Headers.Location?.ToString());
        Assert.Equal($"\"{created.GetProperty("version").GetInt64()}\"", response.Headers.ETag?.ToString());
        Assert.Equal(title, created.Text("title"));
        Assert.Equal("Body text.", created.Text("body"));
        Assert.Equal("Jo Writer", created.Text("author"));
        Assert.Equal("https://images.example/cover.jpg", created.Text("featuredImageUrl"));
        Assert.Equal("draft", created.Text("status"));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("publishedAt").ValueKind);
        created.GetProperty("createdAt").AssertUtc();
        created.GetProperty("updatedAt").AssertUtc();
        Assert.Equal(category.Id(), created.GetProperty("category").Id());
        Assert.Equal("Editor summary.", created.GetProperty("summary").Text("text"));
        Assert.Equal("editor", created.GetProperty("summary").Text("source"));

        var fetched = await Editor.GetAsync(response.Headers.Location, Ct);
        var body = await fetched.AssertJsonAsync();
        Assert.Equal(created.Id(), body.Id());
        Assert.Equal(response.Headers.ETag, fetched.Headers.ETag);
        body.AssertHasProperties("id", "title", "slug", "body", "author", "featuredImageUrl", "category", "status", "publishedAt", "createdAt", "updatedAt", "version", "summary");
    }

    [Fact]
    public async Task AnUnknownIdIsA404ProblemForEveryArticleOperation()
    {
        var category = await Content.CategoryAsync();
        var url = $"{Articles}/{int.MaxValue}";
        await (await Editor.GetAsync(url, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.SendJsonAsync(HttpMethod.Put, url, new { title = "T", body = "B", categoryId = category.Id() })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.DeleteAsync(url, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        foreach (var action in new[] { "publish", "unpublish", "archive" })
        {
            await (await Editor.SendJsonAsync(HttpMethod.Post, $"{url}/{action}", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        }

        await (await Editor.SendJsonAsync(HttpMethod.Put, $"{url}/summary", new { text = "x" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.DeleteAsync($"{url}/summary", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheListCoversEveryStatusAndFiltersByStatus()
    {
        var category = await Content.CategoryAsync();
        var draft = await Content.DraftAsync(category.Id());
        var scheduled = await Content.PublishedAsync(category.Id(), publishAt: DateTimeOffset.UtcNow.AddDays(2));
        var published = await Content.PublishedAsync(category.Id());
        var toArchive = await Content.PublishedAsync(category.Id());
        await (await Editor.SendJsonAsync(HttpMethod.Post, $"{Articles}/{toArchive.Id()}/archive", null)).AssertJsonAsync();
        var expected = new Dictionary<string, int>
        {
            ["draft"] = draft.Id(),
            ["scheduled"] = scheduled.Id(),
            ["published"] = published.Id(),
            ["archived"] = toArchive.Id(),
        };

        var all = await Editor.AllItemsAsync($"{Articles}?category={category.Text("slug")}");
        Assert.Equal(expected.OrderBy(e => e.Value).Select(e => (e.Key, e.Value)),
            all.Select(i => (i.Text("status"), i.Id())).OrderBy(e => e.Item2));
        Assert.All(all, i => i.GetProperty("version").GetInt64());

        foreach (var (status, id) in expected)
        {
            var filtered = await Editor.AllItemsAsync($"{Articles}?category={category.Text("slug")}&status={status}");
            var only = Assert.Single(filtered);
            Assert.Equal(id, only.Id());
            Assert.Equal(status, only.Text("status"));
        }

        await (await Editor.GetAsync($"{Articles}?status=deleted", Ct)).AssertValidationProblemAsync("status");
    }

    [Fact]
    public async Task PutReplacesTheFieldsAndGivesANewVersionAndETag()
    {
        var category = await Content.CategoryAsync();
        var other = await Content.CategoryAsync();
        var draft = await Content.DraftAsync(category.Id(), author: "First Author");
        var etag = $"\"{draft.GetProperty("version").GetInt64()}\"";

        var response = await Editor.SendJsonAsync(HttpMethod.Put, $"{Articles}/{draft.Id()}", new
        {
            title = "Replaced title",
            body = "Replaced body.",
            categoryId = other.Id(),
            featuredImageUrl = "http://images.example/new.png",
        }, etag);

        var updated = await response.AssertJsonAsync();
        Assert.Equal("Replaced title", updated.Text("title"));
        Assert.Equal("Replaced body.", updated.Text("body"));
        Assert.Equal(other.Id(), updated.GetProperty("category").Id());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("author").ValueKind);
        Assert.Equal(draft.Text("slug"), updated.Text("slug"));
        Assert.True(updated.GetProperty("version").GetInt64() > draft.GetProperty("version").GetInt64());
        Assert.Equal($"\"{updated.GetProperty("version").GetInt64()}\"", response.Headers.ETag?.ToString());
        Assert.Equal("draft", updated.Text("status"));
    }

    [Theory]
    [InlineData("put")]
    [InlineData("delete")]
    [InlineData("publish")]
    [InlineData("unpublish")]
    [InlineData("archive")]
    [InlineData("summary")]
    public async Task AStaleIfMatchGets412AndChangesNothing(string operation)
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.Id(), title: Content.Unique("Original title"));
        var staleETag = $"\"{article.GetProperty("version").GetInt64()}\"";
        // Someone else changes the article after we read it.
        var theirs = await (await Editor.SendJsonAsync(HttpMethod.Put, $"{Articles}/{article.Id()}",
            new { title = "Their title", body = "Their body.", categoryId = category.Id() }, staleETag)).AssertJsonAsync();

        var url = $"{Articles}/{article.Id()}";
        var response = operation switch
        {
            "put" => await Editor.SendJsonAsync(HttpMethod.Put, url, new { title = "My title", body = "My body.", categoryId = category.Id() }, staleETag),
            "delete" => await Editor.SendJsonAsync(HttpMethod.Delete, url, null, staleETag),
            "summary" => await Editor.SendJsonAsync(HttpMethod.Put, url + "/summary", new { text = "My summary." }, staleETag),
            _ => await Editor.SendJsonAsync(HttpMethod.Post, $"{url}/{operation}", null, staleETag),
        };

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var now = await (await Editor.GetAsync(url, Ct)).AssertJsonAsync();
        Assert.Equal(theirs.GetProperty("version").GetInt64(), now.GetProperty("version").GetInt64());
        Assert.Equal("Their title", now.Text("title"));
        Assert.Equal("published", now.Text("status"));
        Assert.Equal(theirs.GetProperty("publishedAt").GetString(), now.GetProperty("publishedAt").GetString());
        Assert.NotEqual("My summary.", now.GetProperty("summary").Text("text"));
        await (await Reader.GetAsync($"/api/v1/articles/{article.Text("slug")}", Ct)).AssertJsonAsync();
    }

    [Fact]
    public async Task OfConcurrentWritesWithTheSameIfMatchOnlyOneWinsAndTheRestGet412()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.DraftAsync(category.Id());
        var etag = $"\"{article.GetProperty("version").GetInt64()}\"";
        using var start = new SemaphoreSlim(0);

        var writes = Enumerable.Range(1, 8).Select(async i =>
        {
            await start.WaitAsync(Ct);
            return await Editor.SendJsonAsync(HttpMethod.Put, $"{Articles}/{article.Id()}", new { title = $"Writer {i}", body = "B", categoryId = category.Id() }, etag);
        }).ToList();
        start.Release(8);
        var responses = await Task.WhenAll(writes);

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.True(statuses.Count(s => s == 200) == 1 && statuses.Count(s => s == 412) == 7, "statuses: " + string.Join(", ", statuses));
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).AssertJsonAsync();
        var stored = await (await Editor.GetAsync($"{Articles}/{article.Id()}", Ct)).AssertJsonAsync();
        Assert.Equal(winner.Text("title"), stored.Text("title"));
        Assert.Equal(article.GetProperty("version").GetInt64() + 1, stored.GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData("current", true)]
    [InlineData("*", true)]
    [InlineData("\"999999\", current", true)]
    [InlineData("\"999999\"", false)]
    [InlineData("unquoted", false)]
    [InlineData("current-unquoted", false)]
    public async Task IfMatchAcceptsTheCurrentETagAnyOrAListAndRefusesAnythingElse(string ifMatch, bool accepted)
    {
        var category = await Content.CategoryAsync();
        var article = await Content.DraftAsync(category.Id());
        var version = article.GetProperty("version").GetInt64();
        var header = ifMatch
            .Replace("current-unquoted", version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("current", $"\"{version}\"", StringComparison.Ordinal);

        var response = await Editor.SendJsonAsync(HttpMethod.Put, $"{Articles}/{article.Id()}", new { title = "Conditional", body = "B", categoryId = category.Id() }, header);

        var stored = await (await Editor.GetAsync($"{Articles}/{article.Id()}", Ct)).AssertJsonAsync();
        if (accepted)
        {
            await response.AssertJsonAsync();
            Assert.Equal("Conditional", stored.Text("title"));
        }
        else
        {
            await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
            Assert.Equal(version, stored.GetProperty("version").GetInt64());
        }
    }

    [Fact]
    public async Task AMatchingIfMatchLetsEveryWriteThrough()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.DraftAsync(category.Id());
        var url = $"{Articles}/{article.Id()}";
        var etag = (await Editor.GetAsync(url, Ct)).Headers.ETag!.ToString();

        foreach (var action in new[] { "publish", "unpublish", "archive" })
        {
            var response = await Editor.SendJsonAsync(HttpMethod.Post, $"{url}/{action}", null, etag);
            await response.AssertJsonAsync();
            etag = response.Headers.ETag!.ToString();
        }

        var summary = await Editor.SendJsonAsync(HttpMethod.Put, url + "/summary", new { text = "Fine." }, etag);
        await summary.AssertJsonAsync();
        etag = summary.Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.SendJsonAsync(HttpMethod.Delete, url, null, etag)).StatusCode);
    }

    [Fact]
    public async Task DeleteAnswers204AndThenTheArticleIsGone()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.Id());

        var deleted = await Editor.DeleteAsync($"{Articles}/{article.Id()}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync(Ct));

        await (await Editor.GetAsync($"{Articles}/{article.Id()}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Editor.DeleteAsync($"{Articles}/{article.Id()}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Reader.GetAsync($"/api/v1/articles/{article.Text("slug")}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PublishUnpublishAndArchiveMoveTheArticleThroughItsStatuses()
    {
        var category = await Content.CategoryAsync();
        var draft = await Content.DraftAsync(category.Id());
        var url = $"{Articles}/{draft.Id()}";
        var delivery = $"/api/v1/articles/{draft.Text("slug")}";
        await (await Reader.GetAsync(delivery, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);

        var before = DateTime.UtcNow.AddSeconds(-1);
        var published = await (await Editor.SendJsonAsync(HttpMethod.Post, $"{url}/publish", null)).AssertJsonAsync();
        Assert.Equal("published", published.Text("status"));
        Assert.InRange(published.GetProperty("publishedAt").AssertUtc(), before, DateTime.UtcNow.AddSeconds(1));
        await (await Reader.GetAsync(delivery, Ct)).AssertJsonAsync();

        var unpublished = await (await Editor.SendJsonAsync(HttpMethod.Post, $"{url}/unpublish", null)).AssertJsonAsync();
        Assert.Equal("draft", unpublished.Text("status"));
        Assert.Equal(JsonValueKind.Null, unpublished.GetProperty("publishedAt").ValueKind);
        await (await Reader.GetAsync(delivery, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);

        await (await Editor.SendJsonAsync(HttpMethod.Post, $"{url}/publish", new { publishAt = (DateTimeOffset?)null })).AssertJsonAsync();
        var archived = await (await Editor.SendJsonAsync(HttpMethod.Post, $"{url}/archive", null)).AssertJsonAsync();
        Assert.Equal("archived", archived.Text("status"));
        await (await Reader.GetAsync(delivery, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);

        var republished = await (await Editor.SendJsonAsync(HttpMethod.Post, $"{url}/publish", null)).AssertJsonAsync();
        Assert.Equal("published", republished.Text("status"));
        await (await Reader.GetAsync(delivery, Ct)).AssertJsonAsync();
    }

    [Fact]
    public async Task PublishingWithAPastTimeBackdatesTheArticle()
    {
        var category = await Content.CategoryAsync();
        var recent = await Content.PublishedAsync(category.Id());
        var draft = await Content.DraftAsync(category.Id());

        var backdated = await (await Editor.SendJsonAsync(HttpMethod.Post, $"{Articles}/{draft.Id()}/publish",
            new { publishAt = "2020-03-04T07:06:07.123+02:00" })).AssertJsonAsync();

        Assert.Equal("published", backdated.Text("status"));
        Assert.Equal("2020-03-04T05:06:07.123Z", backdated.Text("publishedAt"));
        var delivered = await (await Reader.GetAsync($"/api/v1/articles/{draft.Text("slug")}", Ct)).AssertJsonAsync();
        Assert.Equal("2020-03-04T05:06:07.123Z", delivered.Text("publishedAt"));
        var order = (await Reader.AllItemsAsync($"/api/v1/articles?category={category.Text("slug")}")).Select(i => i.Id()).ToList();
        Assert.Equal([recent.Id(), draft.Id()], order);
    }

    [Fact]
    public async Task PublishingWithAFutureTimeSchedulesTheArticle()
    {
        var category = await Content.CategoryAsync();
        var draft = await Content.DraftAsync(category.Id());
        var at = DateTimeOffset.UtcNow.AddDays(3);

        var scheduled = await (await Editor.SendJsonAsync(HttpMethod.Post, $"{Articles}/{draft.Id()}/publish", new { publishAt = at })).AssertJsonAsync();

        Assert.Equal("scheduled", scheduled.Text("status"));
        Assert.Equal(at.UtcDateTime, scheduled.GetProperty("publishedAt").AssertUtc(), TimeSpan.FromMilliseconds(1));
        await (await Reader.GetAsync($"/api/v1/articles/{draft.Text("slug")}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("title", "blank title")]
    [InlineData("title", "missing title")]
    [InlineData("title", "title of 201 characters")]
    [InlineData("body", "missing body")]
    [InlineData("body", "blank body")]
    [InlineData("body", "body of 200,001 characters")]
    [InlineData("summary", "summary of 1,001 characters")]
    [InlineData("featuredImageUrl", "ftp image url")]
    [InlineData("featuredImageUrl", "image url that is not a url")]
    [InlineData("featuredImageUrl", "relative image url")]
    [InlineData("featuredImageUrl", "image url over 2,048 characters")]
    [InlineData("author", "author of 101 characters")]
    [InlineData("categoryId", "missing category")]
    [InlineData("categoryId", "category 0")]
    [InlineData("categoryId", "unknown category")]
    [InlineData("slug", "slug with spaces and capitals")]
    public async Task AnInvalidArticleIsA400ProblemKeyedByTheCamelCaseField(string field, string invalid)
    {
        var category = await Content.CategoryAsync();
        var valid = new Dictionary<string, object?> { ["title"] = "T", ["body"] = "B", ["categoryId"] = category.Id() };
        var payload = invalid switch
        {
            "blank title" => With(valid, "title", "   "),
            "missing title" => Without(valid, "title"),
            "title of 201 characters" => With(valid, "title", new string('t', 201)),
            "missing body" => Without(valid, "body"),
            "blank body" => With(valid, "body", " \n "),
            "body of 200,001 characters" => With(valid, "body", new string('b', 200_001)),
            "summary of 1,001 characters" => With(valid, "summary", new string('s', 1001)),
            "ftp image url" => With(valid, "featuredImageUrl", "ftp://images.example/a.png"),
            "image url that is not a url" => With(valid, "featuredImageUrl", "not a url"),
            "relative image url" => With(valid, "featuredImageUrl", "relative.png"),
            "image url over 2,048 characters" => With(valid, "featuredImageUrl", "https://x.example/" + new string('p', 2040)),
            "author of 101 characters" => With(valid, "author", new string('a', 101)),
            "missing category" => Without(valid, "categoryId"),
            "category 0" => With(valid, "categoryId", 0),
            "unknown category" => With(valid, "categoryId", int.MaxValue),
            "slug with spaces and capitals" => With(valid, "slug", "Not A Slug"),
            _ => throw new ArgumentOutOfRangeException(nameof(invalid)),
        };

        var created = await Editor.PostAsJsonAsync(Articles, payload, Ct);
        await created.AssertValidationProblemAsync(field);

        var draft = await Content.DraftAsync(category.Id());
        var replaced = await Editor.PutAsJsonAsync($"{Articles}/{draft.Id()}", payload, Ct);
        await replaced.AssertValidationProblemAsync(field);
        var unchanged = await (await Editor.GetAsync($"{Articles}/{draft.Id()}", Ct)).AssertJsonAsync();
        Assert.Equal(draft.GetProperty("version").GetInt64(), unchanged.GetProperty("version").GetInt64());
    }

    private static Dictionary<string, object?> With(Dictionary<string, object?> valid, string field, object? value) => new(valid) { [field] = value };

    private static Dictionary<string, object?> Without(Dictionary<string, object?> valid, string field)
    {
        var copy = new Dictionary<string, object?>(valid);
        copy.Remove(field);
        return copy;
    }

    [Theory]
    [MemberData(nameof(UnreadableRequests.All), MemberType = typeof(UnreadableRequests))]
    public async Task AnUnreadableBodyIsA400ProblemNeverA500(string method, string url, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };

        var response = await Editor.SendAsync(request, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("detail", out var detail) && detail.GetString()!.Length > 0, $"a detail says what is wrong: {problem}");
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsRefusedWithAProblem()
    {
        var response = await Editor.PostAsync(Articles, new StringContent("title=T&body=B", Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyOverOneMegabyteIs413WithOrWithoutAContentLength(bool sendLength)
    {
        var category = await Content.CategoryAsync();
        var article = new { title = "Huge", body = new string('x', 1_100_000), categoryId = category.Id() };
        // JsonContent streams the body without a Content-Length, as a chunked upload would.
        HttpContent content = sendLength
            ? new StringContent(JsonSerializer.Serialize(article), Encoding.UTF8, "application/json")
            : JsonContent.Create(article);
        Assert.Equal(sendLength, content.Headers.ContentLength is not null);
        using var request = new HttpRequestMessage(HttpMethod.Post, Articles) { Content = content };

        var response = await Editor.SendAsync(request, Ct);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var listed = await Editor.AllItemsAsync($"{Articles}?category={category.Text("slug")}");
        Assert.Empty(listed);
    }

    [Fact]
    public async Task TheEditorsSummaryIsSetAndRemovedThroughTheSummaryEndpoint()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.PublishedAsync(category.Id(), body: "The first sentence. The second sentence. The third sentence.");
        var url = $"{Articles}/{article.Id()}/summary";
        var delivery = $"/api/v1/articles/{article.Text("slug")}/summary";
        Assert.Equal("generated", (await (await Reader.GetAsync(delivery, Ct)).AssertJsonAsync()).Text("source"));

        var set = await Editor.SendJsonAsync(HttpMethod.Put, url, new { text = "  Written by hand.  " });
        var summary = await set.AssertJsonAsync();
        Assert.Equal("Written by hand.", summary.Text("text"));
        Assert.Equal("editor", summary.Text("source"));
        var delivered = await (await Reader.GetAsync(delivery, Ct)).AssertJsonAsync();
        Assert.Equal("Written by hand.", delivered.Text("text"));
        Assert.Equal("editor", delivered.Text("source"));

        var removed = await Editor.DeleteAsync(url, Ct);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        var after = await (await Reader.GetAsync(delivery, Ct)).AssertJsonAsync();
        Assert.Equal("generated", after.Text("source"));
        await (await Editor.DeleteAsync(url, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task ABlankOrMissingSummaryTextIsAValidationProblem(string? text)
    {
        var category = await Content.CategoryAsync();
        var article = await Content.DraftAsync(category.Id());

        var response = await Editor.SendJsonAsync(HttpMethod.Put, $"{Articles}/{article.Id()}/summary", new { text });

        await response.AssertValidationProblemAsync("text");
    }

    [Fact]
    public async Task ASummaryOverAThousandCharactersIsAValidationProblem()
    {
        var category = await Content.CategoryAsync();
        var article = await Content.DraftAsync(category.Id());

        var response = await Editor.SendJsonAsync(HttpMethod.Put, $"{Articles}/{article.Id()}/summary", new { text = new string('s', 1001) });

        await response.AssertValidationProblemAsync("text");
    }
}

public sealed class ManageArticleTestsOnPostgres(PostgresApiFactory factory) : ManageArticleTests<PostgresApiFactory>(factory);

public sealed class ManageArticleTestsOnSqlite(SqliteApiFactory factory) : ManageArticleTests<SqliteApiFactory>(factory);

/// <summary>Bodies the framework cannot bind: each must be a 400 problem, never a 500.</summary>
public static class UnreadableRequests
{
    private const string ManageArticles = "/api/v1/manage/articles";

    public static TheoryData<string, string, string?> All => new()
    {
        { "POST", ManageArticles, "{ \"title\": " },
        { "POST", ManageArticles, "this is not json" },
        { "POST", ManageArticles, "[]" },
        { "POST", ManageArticles, "null" },
        { "POST", ManageArticles, "{ \"title\": 5, \"body\": \"B\", \"categoryId\": 1 }" },
        { "POST", ManageArticles, "{ \"title\": \"T\", \"body\": \"B\", \"categoryId\": \"one\" }" },
        { "POST", ManageArticles, "{ \"title\": \"T\", \"body\": \"B\", \"categoryId\": null }" },
        { "POST", ManageArticles, "{ \"title\": \"T\", \"body\": \"B\", \"categoryId\": 1.5 }" },
        { "POST", ManageArticles, "{ \"title\": \"T\", \"body\": \"B\", \"categoryId\": 99999999999 }" },
        { "POST", ManageArticles, "{ \"title\": \"T\", \"body\": \"B\", \"categoryId\": 1, \"titel\": \"typo\" }" },
        { "POST", ManageArticles, null },
        { "PUT", ManageArticles + "/1", "{ broken" },
        { "PUT", ManageArticles + "/1", null },
        { "POST", ManageArticles + "/1/publish", "{ \"publishAt\": \"next tuesday\" }" },
        { "POST", ManageArticles + "/1/publish", "{ \"publishAt\": 12 }" },
        { "POST", ManageArticles + "/1/publish", "{ nope" },
        { "PUT", ManageArticles + "/1/summary", "{ \"text\": [] }" },
        { "PUT", ManageArticles + "/1/summary", null },
        { "POST", "/api/v1/manage/categories", "{ \"name\": \"N\", \"parentId\": \"x\" }" },
        { "POST", "/api/v1/manage/categories", null },
        { "PUT", "/api/v1/manage/categories/1", "{" },
    };
}
