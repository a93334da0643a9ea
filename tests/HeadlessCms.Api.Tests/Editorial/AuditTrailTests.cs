using System.Net;
using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;
using HeadlessCms.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessCms.Api.Tests.Editorial;

/// <summary>The audit trail beside the content events: webhook changes are audited, and an article's events and its
/// audit entries name the same actor.</summary>
public abstract class AuditTrailTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory) where TFactory : CmsApiFactory
{
    private static readonly string[] Wanted = ["category.deleted"];

    [Fact]
    public async Task WebhookCreationUpdateRotationAndDeletionAreAuditedWithTheirActorAndNeverTheSecretOrTheUrlsQuery()
    {
        var (adminId, adminKey) = await Editorial.KeyAsync(Factory, "admin", "Webhook admin");
        using var admin = Factory.CreateClientWithKey(adminKey);
        // A public address literal (no DNS), with a token in its query as some receivers expect; it wants an event this
        // class never causes, so nothing is ever sent to it.
        var url = "https://93.184.215.14/hooks/" + Content.Unique("cms") + "?token=query-token-" + Guid.NewGuid().ToString("N");
        var created = await (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/manage/webhooks", new { url, events = Wanted }))
            .AssertJsonAsync(HttpStatusCode.Created);
        var id = created.Id();
        var firstSecret = created.GetProperty("secret").GetString()!;
        await (await admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/webhooks/{id}", new { url, events = Wanted, description = "Rebuild" }))
            .AssertJsonAsync();
        var rotated = await (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/webhooks/{id}/rotate-secret", null)).AssertJsonAsync();
        var secondSecret = rotated.GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/manage/webhooks/{id}", Ct)).StatusCode);

        var audit = await (await Admin.GetAsync($"/api/v1/manage/audit?actor={adminId}&pageSize=100", Ct)).AssertJsonAsync();
        var entries = audit.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("subject").GetString() == "webhook" && e.GetProperty("subjectId").GetInt32() == id).ToList();
        Assert.Equal(["webhook.deleted", "webhook.secret_rotated", "webhook.updated", "webhook.created"], entries.Select(e => e.GetProperty("type").GetString()));
        Assert.All(entries, e => Assert.Equal(adminId, e.GetProperty("actor").GetProperty("keyId").GetInt32()));
        Assert.All(entries, e => Assert.StartsWith("https://93.184.215.14/hooks/", e.GetProperty("subjectLabel").GetString(), StringComparison.Ordinal));
        var raw = audit.GetRawText();
        Assert.DoesNotContain(firstSecret, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(secondSecret, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("query-token-", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(adminKey, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnArticlesContentEventsAndItsAuditEntriesNameTheSameActor()
    {
        var (authorId, authorKey) = await Editorial.KeyAsync(Factory, "author", "Evented author");
        using var author = Factory.CreateClientWithKey(authorKey);
        var category = await Content.CategoryAsync();
        var id = (await new Content(author).DraftAsync(category.Id(), title: "Evented")).Id();
        await (await author.SendJsonAsync(HttpMethod.Post, $"/api/v1/manage/articles/{id}/submit", new { note = "Please read" })).AssertJsonAsync();
        await Content.PublishAsync(id);

        var audit = await (await Admin.GetAsync($"/api/v1/manage/audit?articleId={id}&pageSize=100", Ct)).AssertJsonAsync();
        var audited = audit.GetProperty("items").EnumerateArray()
            .Select(e => (Type: e.GetProperty("type").GetString()!, Actor: e.GetProperty("actor").ValueKind == JsonValueKind.Null ? (int?)null : e.GetProperty("actor").GetProperty("keyId").GetInt32()))
            .Reverse().ToList();

        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var events = await db.ContentEvents.Where(e => e.Subject == "article" && e.SubjectId == id).OrderBy(e => e.Sequence)
            .Select(e => new { e.Type, e.ActorKeyId }).ToListAsync(Ct);
        Assert.Equal(events.Select(e => (e.Type, e.ActorKeyId)), audited);
        Assert.Equal(new (string, int?)[] { ("article.created", authorId), ("article.submitted", authorId) }, audited.Take(2));
        Assert.Equal("article.published", audited[^1].Type);
        Assert.NotEqual(authorId, audited[^1].Actor);
    }

    /// <summary>
    /// A slug made from a title that is already taken: the first save tries it, loses to the unique index and is
    /// retried with the next free slug. The attempt that lost must leave nothing behind (on PostgreSQL the article,
    /// revision, event and audit entry go in one batch), and the retry must not write its records twice.
    /// </summary>
    [Fact]
    public async Task ATitleUsedTwiceGetsTheNextSlugAndTheAttemptThatLostLeavesNoTrace()
    {
        var category = await Content.CategoryAsync();
        var title = Content.Unique("Twice told");
        var first = await Content.DraftAsync(category.Id(), title: title);
        var second = await Content.DraftAsync(category.Id(), title: title);
        var slug = first.Text("slug");
        Assert.Equal(slug + "-2", second.Text("slug"));
        var id = second.Id();

        var audit = await (await Admin.GetAsync($"/api/v1/manage/audit?articleId={id}&pageSize=100", Ct)).AssertJsonAsync();
        Assert.Equal(["article.created"], audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        var revisions = await (await Admin.GetAsync($"/api/v1/manage/articles/{id}/revisions", Ct)).AssertJsonAsync();
        Assert.Single(revisions.GetProperty("items").EnumerateArray());

        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var events = await db.ContentEvents.Where(e => e.Subject == "article" && (e.SubjectId == id || e.SubjectSlug == slug))
            .Select(e => new { e.SubjectId, e.SubjectSlug, e.Type }).ToListAsync(Ct);
        Assert.Equal([(first.Id(), slug, "article.created"), (id, slug + "-2", "article.created")],
            events.Select(e => (e.SubjectId, e.SubjectSlug, e.Type)).OrderBy(e => e.SubjectId));
        Assert.Equal(1, await db.ArticleRevisions.CountAsync(r => r.ArticleId == id, Ct));
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.Subject == "article" && e.SubjectId == 0, Ct));
    }

    /// <summary>
    /// A create finds its category through a short-lived cache (CategoryLookup): a category renamed or deleted through
    /// this instance must be seen by the very next create, not after the cache's lifetime.
    /// </summary>
    [Fact]
    public async Task TheNextCreateSeesACategoryRenamedOrDeletedJustBefore()
    {
        var category = await Content.CategoryAsync();
        await Content.DraftAsync(category.Id()); // the category is now remembered
        var renamed = Content.Unique("renamed-section");
        await (await Editor.SendJsonAsync(HttpMethod.Put, $"/api/v1/manage/categories/{category.Id()}",
            new { name = "Renamed section", slug = renamed, description = (string?)null, parentId = (int?)null })).AssertJsonAsync();
        var article = await Content.DraftAsync(category.Id());
        Assert.Equal(renamed, article.GetProperty("category").Text("slug"));
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            var data = await db.ContentEvents.Where(e => e.Subject == "article" && e.SubjectId == article.Id()).Select(e => e.Data).SingleAsync(Ct);
            Assert.Equal(renamed, JsonDocument.Parse(data).RootElement.GetProperty("category").GetString());
        }

        var doomed = await Content.CategoryAsync();
        var draft = await Content.DraftAsync(doomed.Id()); // remembered too
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/manage/articles/{draft.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Editor.DeleteAsync($"/api/v1/manage/categories/{doomed.Id()}", Ct)).StatusCode);
        await (await Editor.SendJsonAsync(HttpMethod.Post, "/api/v1/manage/articles", new { title = "Nowhere", body = "No section.", categoryId = doomed.Id() }))
            .AssertValidationProblemAsync("categoryId");
    }
}

public sealed class AuditTrailTestsOnPostgres(PostgresApiFactory factory) : AuditTrailTests<PostgresApiFactory>(factory);

public sealed class AuditTrailTestsOnSqlite(SqliteApiFactory factory) : AuditTrailTests<SqliteApiFactory>(factory);
