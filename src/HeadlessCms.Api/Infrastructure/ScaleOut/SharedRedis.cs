using StackExchange.Redis;

namespace HeadlessCms.Api.Infrastructure.ScaleOut;

/// <summary>
/// The Redis every instance shares (ConnectionStrings:Redis), or none. Redis is an accelerator, never a dependency:
/// a command fails fast instead of queueing while it is unreachable, the caller then works from the database, and the
/// outage is logged once when it starts and once when it ends, not per request.
/// </summary>
public sealed class SharedRedis : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer>? connection;
    private readonly ILogger<SharedRedis> logger;
    private int down;

    public SharedRedis(IConfiguration configuration, ILogger<SharedRedis> logger)
    {
        this.logger = logger;
        var configured = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(configured))
        {
            return;
        }

        var options = ConfigurationOptions.Parse(configured);
        options.AbortOnConnectFail = false;
        // Queued commands would hold requests for the whole timeout during an outage; failing at once lets them
        // fall back to the database.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 1000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
        options.ReconnectRetryPolicy = new LinearRetry(500);
        KeyPrefix = configuration["Cms:Redis:KeyPrefix"] is { Length: > 0 } prefix ? prefix : "headlesscms:";
        connection = new(() => ConnectionMultiplexer.Connect(options));
    }

    public bool Configured => connection is not null;

    /// <summary>Prepended to every key and channel, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; } = "headlesscms:";

    /// <summary>False from a failed command until the next one that succeeds.</summary>
    public bool Available => Configured && Volatile.Read(ref down) == 0;

    public IConnectionMultiplexer Multiplexer => connection?.Value ?? throw new InvalidOperationException("ConnectionStrings:Redis is not set.");

    public IDatabase Database => Multiplexer.GetDatabase();

    public static bool IsRedisFailure(Exception e) => e is RedisException or TimeoutException or ObjectDisposedException
        // The output cache store reports a failed scan wrapped.
        || (e is AggregateException aggregate && aggregate.InnerExceptions.All(IsRedisFailure));

    /// <summary>Returns true when this success ends an outage.</summary>
    public bool ReportSuccess()
    {
        if (Interlocked.Exchange(ref down, 0) == 0)
        {
            return false;
        }

        logger.LogWarning("Redis answers again: the shared cache is back in use.");
        return true;
    }

    public void ReportFailure(Exception e)
    {
        if (Interlocked.Exchange(ref down, 1) == 0)
        {
            logger.LogWarning("Redis cannot be reached ({Message}): serving from the database without the shared cache until it returns.", e.Message);
        }
    }

    public void Dispose()
    {
        if (connection is { IsValueCreated: true })
        {
            connection.Value.Dispose();
        }
    }
}
