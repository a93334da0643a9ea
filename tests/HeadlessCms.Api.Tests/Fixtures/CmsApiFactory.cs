using System.Net.Http.Headers;
using System.Net.Http.Json;
using HeadlessCms.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessCms.Api.Tests.Fixtures;

/// <summary>
/// The real app on a database of its own (one per test class): migrations applied at start-up as in production,
/// no demo content, and a known admin key.
/// </summary>
public abstract class CmsApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminKey = "hcms_test_admin_key_0123456789abcdef";

    private readonly Dictionary<string, string?> settings = new()
    {
        ["Cms:SeedDemoContent"] = "false",
        ["Cms:BootstrapAdminKey"] = AdminKey,
        ["Cms:RateLimit:Enabled"] = "false",
        ["Cms:Caching:OutputCacheEnabled"] = "true",
    };

    public abstract DatabaseProvider Provider { get; }

    protected string ConnectionString { get; set; } = string.Empty;

    public string? EditorKey { get; private set; }

    /// <summary>Extra settings for a class that needs them; set before the first client is made.</summary>
    public void Set(string key, string? value) => settings[key] = value;

    public virtual async ValueTask InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        _ = Server; // boots the app, which migrates
        using var admin = CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = "test editor", role = "editor" });
        response.EnsureSuccessStatusCode();
        EditorKey = (await response.Content.ReadFromJsonAsync<KeyBody>())!.Key;
    }

    protected abstract Task<string> CreateDatabaseAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Cms", ConnectionString);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient CreateAdminClient() => CreateClientWithKey(AdminKey);

    public HttpClient CreateEditorClient() => CreateClientWithKey(EditorKey!);

    public HttpClient CreateClientWithKey(string key)
    {
        var client = CreateAnonymousClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>No redirects followed, and every response checked against openapi/v1.json (<see cref="ResponseContractHandler"/>).</summary>
    public HttpClient CreateAnonymousClient() => CreateDefaultClient(new ResponseContractHandler());

    /// <summary>A database context on the same database, for arranging and checking state directly.</summary>
    public CmsDbContext NewDbContext() => Services.CreateScope().ServiceProvider.GetRequiredService<CmsDbContext>();

    private sealed record KeyBody(string Key);
}

public class PostgresApiFactory : CmsApiFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override Task<string> CreateDatabaseAsync() => PostgresServer.CreateDatabaseAsync("hcms_test");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
        GC.SuppressFinalize(this);
    }
}

public class SqliteApiFactory : CmsApiFactory
{
    private string? file;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync()
    {
        file = Path.Combine(Path.GetTempPath(), $"hcms-test-{Guid.NewGuid():N}.db");
        return Task.FromResult($"Data Source={file};Pooling=False");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (file is not null)
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }

        GC.SuppressFinalize(this);
    }
}
