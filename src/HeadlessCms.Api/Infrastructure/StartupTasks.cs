using HeadlessCms.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>Work a feature needs done once the database is migrated, before the app serves requests.</summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken cancellationToken);
}

public static class StartupTasks
{
    /// <summary>Tasks run in the order they are registered (the order of the features in Program.cs).</summary>
    public static IServiceCollection AddStartupTask<TTask>(this IServiceCollection services) where TTask : class, IStartupTask =>
        services.AddScoped<IStartupTask, TTask>();

    public static async Task RunAsync(WebApplication app)
    {
        // The OpenAPI generators run the app's start-up to read its endpoints: they must not touch a database.
        if (CmsOptionsSetup.IsToolRun)
        {
            return;
        }

        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HeadlessCms.Startup");
        var phases = app.Services.GetRequiredService<StartupPhases>();
        if (database.MigrateOnStartup)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            _ = db.Model;
            phases.Mark("EfModel");
            // Migrate only when the database is new or a migration is pending. Every other start (all but the first after
            // a release) then costs three small queries, where MigrateAsync also takes the migrations lock and diffs the
            // whole model (built from the configuration classes) against the snapshot; TheMigrationsMatchTheModel, a
            // test, makes that check instead.
            if (!await db.GetService<IRelationalDatabaseCreator>().ExistsAsync() || (await db.Database.GetPendingMigrationsAsync()).Any())
            {
                await db.Database.MigrateAsync();
            }

            phases.Mark("Migrations");
            foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>())
            {
                await task.RunAsync(CancellationToken.None);
                phases.Mark(task.GetType().Name.Replace("OnStart", "", StringComparison.Ordinal));
            }
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            phases.Mark("ServerStart");
            phases.Log(logger);
            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                logger.LogInformation("Swagger UI: {Url}/swagger  (demo front end: {Url}/demo/)", address.TrimEnd('/'), address.TrimEnd('/'));
            }
        });
    }
}
