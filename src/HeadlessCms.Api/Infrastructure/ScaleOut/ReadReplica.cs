using HeadlessCms.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HeadlessCms.Api.Infrastructure.ScaleOut;

/// <summary>
/// The optional PostgreSQL replica for delivery reads (ConnectionStrings:CmsReadOnly). A read goes there only when
/// the replica has replayed the last write any instance acknowledged (its commit position travels with the content
/// generation); otherwise, or when the replica does not answer, it goes to the primary.
/// </summary>
public sealed class ReadReplica : IDisposable
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);
    private readonly NpgsqlDataSource? primary;
    private readonly NpgsqlDataSource? replica;
    private readonly ILogger<ReadReplica> logger;
    private readonly TimeProvider time;
    private long unavailableUntilTicks;
    private int down;

    public ReadReplica(IConfiguration configuration, IOptions<DatabaseOptions> database, ILogger<ReadReplica> logger, TimeProvider time)
    {
        this.logger = logger;
        this.time = time;
        var replicaConnection = configuration.GetConnectionString("CmsReadOnly");
        var primaryConnection = configuration.GetConnectionString("Cms");
        if (database.Value.Provider != DatabaseProvider.Postgres || string.IsNullOrWhiteSpace(primaryConnection))
        {
            return;
        }

        // Instances without a replica of their own still publish where their writes committed, for those with one.
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis")) || !string.IsNullOrWhiteSpace(replicaConnection))
        {
            primary = NpgsqlDataSource.Create(primaryConnection);
        }

        if (string.IsNullOrWhiteSpace(replicaConnection))
        {
            return;
        }

        replica = NpgsqlDataSource.Create(replicaConnection);
        var options = new DbContextOptionsBuilder<CmsDbContext>();
        CmsDatabase.Configure(options, DatabaseProvider.Postgres, replicaConnection, database.Value.CommandTimeoutSeconds);
        options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        ContextOptions = options.Options;
    }

    public bool Configured => replica is not null;

    /// <summary>Whether writes look up their commit position (PostgreSQL with Redis or a replica).</summary>
    public bool TracksPositions => primary is not null;

    /// <summary>Options of a context on the replica; null without one.</summary>
    public DbContextOptions<CmsDbContext>? ContextOptions { get; }

    /// <summary>The primary's current WAL position, at or after every commit acknowledged so far; null if unknown.</summary>
    public async Task<long?> PrimaryPositionAsync(CancellationToken cancellationToken)
    {
        if (primary is null)
        {
            return null;
        }

        try
        {
            await using var command = primary.CreateCommand("SELECT (pg_current_wal_lsn() - '0/0')::bigint");
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("Could not read the primary's WAL position after a write: {Message}", e.Message);
            return null;
        }
    }

    /// <summary>True when the replica answers and has replayed at least <paramref name="required"/>.</summary>
    public async Task<bool> HasReplayedAsync(long required, CancellationToken cancellationToken)
    {
        if (replica is null || time.GetUtcNow().UtcTicks < Interlocked.Read(ref unavailableUntilTicks))
        {
            return false;
        }

        try
        {
            await using var command = replica.CreateCommand(
                "SELECT CASE WHEN pg_is_in_recovery() THEN COALESCE((pg_last_wal_replay_lsn() - '0/0')::bigint, -1) ELSE (pg_current_wal_lsn() - '0/0')::bigint END");
            var replayed = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (Interlocked.Exchange(ref down, 0) == 1)
            {
                logger.LogWarning("The read replica answers again.");
            }

            return replayed >= required;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // Not asked again for a while: a dead replica must not cost every request a failed connection.
            Interlocked.Exchange(ref unavailableUntilTicks, (time.GetUtcNow() + RetryAfterFailure).UtcTicks);
            replica.Clear();
            if (Interlocked.Exchange(ref down, 1) == 0)
            {
                logger.LogWarning("The read replica cannot be used ({Message}): delivery reads go to the primary.", e.Message);
            }

            return false;
        }
    }

    public void Dispose()
    {
        primary?.Dispose();
        replica?.Dispose();
    }
}
