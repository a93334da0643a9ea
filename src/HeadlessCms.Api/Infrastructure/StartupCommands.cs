using HeadlessCms.Data;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>A command of the same executable (`dotnet HeadlessCms.Api.dll summaries backfill`), run in a scope of its own.</summary>
public sealed record StartupCommand(string Name, Func<IServiceProvider, CancellationToken, Task> RunAsync);

/// <summary>Commands of the same executable: `migrate`, and those the features register.</summary>
public static class StartupCommands
{
    public static IServiceCollection AddStartupCommand(this IServiceCollection services, string name, Func<IServiceProvider, CancellationToken, Task> run) =>
        services.AddSingleton(new StartupCommand(name, run));

    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        var name = string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')));
        if (name == "migrate")
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            await db.Database.MigrateAsync();
            // What instances with Database:MigrateOnStartup=false no longer do at start-up (the bootstrap admin key,
            // backfills) is done here, once, with the migrations.
            foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>())
            {
                await task.RunAsync(CancellationToken.None);
            }

            Console.WriteLine($"Migrations applied and start-up tasks run ({db.Database.ProviderName}).");
            return true;
        }

        if (app.Services.GetServices<StartupCommand>().FirstOrDefault(c => c.Name == name) is { } command)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await command.RunAsync(scope.ServiceProvider, CancellationToken.None);
            return true;
        }

        return false;
    }
}
