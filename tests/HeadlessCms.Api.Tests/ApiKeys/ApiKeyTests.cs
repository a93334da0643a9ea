using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Tests.ApiKeys;

/// <summary>API keys: issued once by admins, stored as hashes, revoked at once, and the bootstrap key.</summary>
public abstract class ApiKeyTests<TFactory>(TFactory factory) : ApiTest<TFactory>(factory) where TFactory : CmsApiFactory
{
    private const string Keys = "/api/v1/manage/api-keys";

    private async Task<JsonElement> CreateKeyAsync(string role, string? name = null)
    {
        var response = await Admin.PostAsJsonAsync(Keys, new { name = name ?? Content.Unique("key"), role }, Ct);
        return await response.AssertJsonAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AnAdminIssuesAKeyThatIsShownOnceAndStoredOnlyAsAHash()
    {
        var name = Content.Unique("Front end build");

        var response = await Admin.PostAsJsonAsync(Keys, new { name, role = "editor" }, Ct);

        var created = await response.AssertJsonAsync(HttpStatusCode.Created);
        // A key has no GET of its own: Location names the list it now appears in; its self link is where it is revoked.
        Assert.Equal($"http://localhost{Keys}", response.Headers.Location?.ToString());
        Assert.Equal($"http://localhost{Keys}/{created.Id()}", created.GetProperty("links").GetProperty("self").GetString());
        var key = created.Text("key");
        Assert.True(key.Length >= 32, key);
        Assert.Equal(name, created.Text("name"));
        Assert.Equal("editor", created.Text("role"));
        created.GetProperty("createdAt").AssertUtc();

        var listed = (await Admin.AllItemsAsync(Keys)).Single(k => k.Id() == created.Id());
        Assert.False(listed.TryGetProperty("key", out _), "the key is never shown again");
        Assert.DoesNotContain(key, listed.ToString(), StringComparison.Ordinal);
        Assert.StartsWith(listed.Text("prefix"), key, StringComparison.Ordinal);
        Assert.True(listed.Text("prefix").Length < key.Length / 2);

        await using var db = Factory.NewDbContext();
        var stored = await db.ApiKeys.SingleAsync(k => k.Id == created.Id(), Ct);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), stored.KeyHash);
        Assert.DoesNotContain(key, stored.Name + stored.Prefix + stored.Role, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewKeyWorksInXApiKeyAndAsABearerToken()
    {
        var key = (await CreateKeyAsync("editor")).Text("key");

        using var viaHeader = Factory.CreateClientWithKey(key);
        await (await viaHeader.GetAsync("/api/v1/manage/articles", Ct)).AssertJsonAsync();

        using var viaBearer = Factory.CreateAnonymousClient();
        viaBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        await (await viaBearer.GetAsync("/api/v1/manage/articles", Ct)).AssertJsonAsync();
    }

    [Fact]
    public async Task ARevokedKeyStopsWorkingAtOnce()
    {
        var created = await CreateKeyAsync("admin");
        using var holder = Factory.CreateClientWithKey(created.Text("key"));
        await (await holder.GetAsync(Keys, Ct)).AssertJsonAsync();

        var revoked = await Admin.DeleteAsync($"{Keys}/{created.Id()}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await (await holder.GetAsync(Keys, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await holder.GetAsync("/api/v1/manage/articles", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var listed = (await Admin.AllItemsAsync(Keys)).Single(k => k.Id() == created.Id());
        listed.GetProperty("revokedAt").AssertUtc();
        await (await Admin.DeleteAsync($"{Keys}/{created.Id()}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.DeleteAsync($"{Keys}/{int.MaxValue}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("role", "owner")]
    [InlineData("role", "Admin")]
    [InlineData("role", null)]
    [InlineData("name", "editor")]
    public async Task AnInvalidKeyRequestIsAValidationProblem(string field, string? role)
    {
        object payload = field == "name" ? new { name = "  ", role } : new { name = Content.Unique("key"), role };

        var response = await Admin.PostAsJsonAsync(Keys, payload, Ct);

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task AnAdminKeyMayDoWhatAnEditorMay()
    {
        var key = (await CreateKeyAsync("admin")).Text("key");
        using var newAdmin = Factory.CreateClientWithKey(key);

        var category = await new Content(newAdmin).CategoryAsync();

        Assert.True(category.Id() > 0);
        await (await newAdmin.GetAsync(Keys, Ct)).AssertJsonAsync();
    }

    [Fact]
    public async Task TheBootstrapAdminKeyIsEnsuredOnceAcrossRestarts()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(CmsApiFactory.AdminKey));

        // A second host on the same database runs the start-up again, as a restart would.
        await using (var restarted = Factory.WithWebHostBuilder(_ => { }))
        {
            using var client = restarted.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", CmsApiFactory.AdminKey);
            await (await client.GetAsync(Keys, Ct)).AssertJsonAsync();
        }

        await using var db = Factory.NewDbContext();
        var bootstrap = await db.ApiKeys.Where(k => k.KeyHash == hash).ToListAsync(Ct);
        var only = Assert.Single(bootstrap);
        Assert.Equal("admin", only.Role);
        Assert.Null(only.RevokedAt);
        await (await Admin.GetAsync(Keys, Ct)).AssertJsonAsync();
    }
}

public sealed class ApiKeyTestsOnPostgres(PostgresApiFactory factory) : ApiKeyTests<PostgresApiFactory>(factory);

public sealed class ApiKeyTestsOnSqlite(SqliteApiFactory factory) : ApiKeyTests<SqliteApiFactory>(factory);
