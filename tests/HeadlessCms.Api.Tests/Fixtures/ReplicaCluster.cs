using Npgsql;

namespace HeadlessCms.Api.Tests.Fixtures;

/// <summary>
/// A streaming replica of the machine's PostgreSQL test cluster: pg_createcluster on a free port, its data replaced by
/// pg_basebackup -R (run as the postgres user, over the local socket), started, and dropped afterwards. Needs the
/// local cluster (the PostgreSQL fixture's third choice) and root.
/// </summary>
public sealed class ReplicaCluster : IAsyncDisposable
{
    private const string Version = "15";
    private readonly string name = $"hcms_replica_{Guid.NewGuid():N}"[..24];

    public int Port { get; } = ExternalProcess.FreePort();

    public static async Task<ReplicaCluster> CreateAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(await PostgresServer.AdminConnectionStringAsync());
        if (admin.Host is not ("127.0.0.1" or "localhost") || admin.Port != 5432 || Environment.UserName != "root" || !File.Exists("/usr/bin/pg_createcluster"))
        {
            throw new InvalidOperationException("The replica tests need the local PostgreSQL 15 cluster on port 5432 (apt-get install postgresql), run as root.");
        }

        var replica = new ReplicaCluster();
        await ExternalProcess.RunOrThrowAsync("pg_createcluster", $"{Version} {replica.name} -p {replica.Port} --start-conf manual");
        var data = $"/var/lib/postgresql/{Version}/{replica.name}";
        await ExternalProcess.RunOrThrowAsync("/bin/sh", $"-c \"rm -rf {data} && runuser -u postgres -- pg_basebackup -D {data} -R -X stream -c fast -p 5432\"");
        await replica.StartAsync();
        return replica;
    }

    /// <summary>For ConnectionStrings:CmsReadOnly: the same role and database as <paramref name="primary"/>, on the replica.</summary>
    public string ConnectionStringFor(string primary) =>
        new NpgsqlConnectionStringBuilder(primary) { Port = Port, Timeout = 3 }.ConnectionString;

    public Task StartAsync() => ExternalProcess.RunOrThrowAsync("pg_ctlcluster", $"{Version} {name} start");

    public Task StopAsync() => ExternalProcess.RunOrThrowAsync("pg_ctlcluster", $"{Version} {name} stop -m fast");

    /// <summary>Runs SQL on the replica as the superuser (pausing or resuming WAL replay).</summary>
    public Task ExecuteAsSuperuserAsync(string sql) =>
        ExternalProcess.RunOrThrowAsync("runuser", $"-u postgres -- psql -p {Port} -v ON_ERROR_STOP=1 -c \"{sql}\"");

    public async ValueTask DisposeAsync() => await ExternalProcess.RunAsync("pg_dropcluster", $"--stop {Version} {name}");
}
