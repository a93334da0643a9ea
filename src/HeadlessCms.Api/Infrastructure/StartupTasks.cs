using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Demo;
using HeadlessCms.Api.Summaries;
using HeadlessCms.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Infrastructure;

public static class StartupTasks
{
    public static async Task RunAsync(WebApplication app)
    {
        // The OpenAPI generators run the app's start-up to read its endpoints: they must not touch a database.
        if (CmsOptionsSetup.IsToolRun)
        {
            return;
        }

        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var cms = app.Services.GetRequiredService<IOptions<CmsOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HeadlessCms.Startup");
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (database.MigrateOnStartup)
        {
            var db = services.GetRequiredService<CmsDbContext>();
            await db.Database.MigrateAsync();
            await services.GetRequiredService<BootstrapAdminKey>().EnsureAsync(cms.BootstrapAdminKey, CancellationToken.None);
            if (cms.SeedDemoContent)
            {
                await services.GetRequiredService<DemoContentSeeder>().SeedIfEmptyAsync(CancellationToken.None);
            }

            var made = await services.GetRequiredService<SummaryBackfill>().RunAsync(null, CancellationToken.None);
            if (made > 0)
            {
                logger.LogInformation("Generated {Count} missing summaries.", made);
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
