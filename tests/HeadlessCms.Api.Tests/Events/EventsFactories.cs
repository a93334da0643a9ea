using HeadlessCms.Api.Tests.Fixtures;
using HeadlessCms.Data;

namespace HeadlessCms.Api.Tests.Events;

/// <summary>Settings for event tests: loopback receivers allowed, retries in fractions of a second, quick polls.</summary>
public static class EventSettings
{
    public static void Apply(CmsApiFactory factory)
    {
        factory.Set("Cms:Webhooks:AllowPrivateNetworks", "true");
        factory.Set("Cms:Webhooks:RetrySchedule:0", "00:00:00.300");
        factory.Set("Cms:Webhooks:RetrySchedule:1", "00:00:00.600");
        factory.Set("Cms:Webhooks:TimeoutSeconds", "5");
        factory.Set("Cms:Webhooks:PollIntervalMilliseconds", "200");
        factory.Set("Cms:Events:SchedulerPollSeconds", "0.2");
    }

    /// <summary>A database of its own, for tests that start and stop API instances on it.</summary>
    public static async Task<(string ConnectionString, Func<Task> Drop)> NewDatabaseAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var cs = await PostgresServer.CreateDatabaseAsync("hcms_events");
            return (cs, () => PostgresServer.DropDatabaseAsync(cs));
        }

        var file = Path.Combine(Path.GetTempPath(), $"hcms-events-{Guid.NewGuid():N}.db");
        return ($"Data Source={file};Pooling=False", () =>
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }

            return Task.CompletedTask;
        });
    }
}

public sealed class PostgresEventsFactory : PostgresApiFactory
{
    public PostgresEventsFactory() => EventSettings.Apply(this);
}

public sealed class SqliteEventsFactory : SqliteApiFactory
{
    public SqliteEventsFactory() => EventSettings.Apply(this);
}

/// <summary>An API instance on an existing database (several can share one; stopping one leaves the data).</summary>
public sealed class AttachedApiFactory : CmsApiFactory
{
    private readonly DatabaseProvider provider;
    private readonly string connectionString;

    public AttachedApiFactory(DatabaseProvider provider, string connectionString)
    {
        this.provider = provider;
        this.connectionString = connectionString;
        EventSettings.Apply(this);
    }

    public override DatabaseProvider Provider => provider;

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(connectionString);
}
