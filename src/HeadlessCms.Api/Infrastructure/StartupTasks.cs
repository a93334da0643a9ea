using HeadlessCms.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
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
        if (database.MigrateOnStartup)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CmsDbContext>().Database.MigrateAsync();
            foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>())
            {
                await task.RunAsync(CancellationToken.None);
            }
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                logger.LogInformation("Swagger UI: {Url}/swagger  (demo front end: {Url}/demo/)", address.TrimEnd('/'), address.TrimEnd('/'));
            }
        });
    }
}
