using System.Net.Http.Json;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace HeadlessCms.Api.Tests.ScaleOut;

/// <summary>
/// Two API instances (separate hosts) over one PostgreSQL database, a streaming replica of it, and one Redis, with the
/// output cache on: what a load balancer would have behind it.
/// </summary>
public sealed class ScaleOutCluster : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;
    public ReplicaCluster Replica { get; private set; } = null!;
    public string Database { get; private set; } = string.Empty;
    public Instance A { get; private set; } = null!;
    public Instance B { get; private set; } = null!;
    public string EditorKey { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        Redis = await RedisServer.StartNewAsync();
        Database = await PostgresServer.CreateDatabaseAsync("hcms_scale");
        // Migrates (as every instance's start-up does) before the cluster is copied, so the replica has the schema.
        await using (var first = new Instance(this))
        {
            _ = first.Server;
        }

        Replica = await ReplicaCluster.CreateAsync();
        A = new Instance(this);
        _ = A.Server;
        B = new Instance(this);
        _ = B.Server;
        using var admin = A.Client(CmsApiFactory.AdminKey);
        var response = await admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = "scale-out editor", role = "editor" });
        response.EnsureSuccessStatusCode();
        EditorKey = (await response.Content.ReadFromJsonAsync<KeyBody>())!.Key;
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Replica.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(Database);
        await Redis.DisposeAsync();
    }

    public sealed class Instance(ScaleOutCluster cluster) : WebApplicationFactory<Program>
    {
        public LogCollector Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Cms", cluster.Database);
            builder.UseSetting("ConnectionStrings:Redis", cluster.Redis.ConnectionString);
            // The replica exists only once the first instance has migrated the database.
            builder.UseSetting("ConnectionStrings:CmsReadOnly", cluster.Replica?.ConnectionStringFor(cluster.Database));
            builder.UseSetting("Cms:SeedDemoContent", "false");
            builder.UseSetting("Cms:BootstrapAdminKey", CmsApiFactory.AdminKey);
            builder.UseSetting("Cms:RateLimit:Enabled", "false");
            builder.UseSetting("Cms:Caching:OutputCacheEnabled", "true");
            builder.UseSetting("Cms:CursorSigningKey", "scale-out-test-key-shared-by-every-instance");
        }

        public HttpClient Client(string? key = null)
        {
            var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            if (key is not null)
            {
                client.DefaultRequestHeaders.Add("X-Api-Key", key);
            }

            return client;
        }
    }

    private sealed record KeyBody(string Key);
}
