using HeadlessCms.Api.Summaries;
using HeadlessCms.Data;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>Commands of the same executable: `migrate` and `summaries backfill`.</summary>
public static class StartupCommands
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        var command = string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')));
        switch (command)
        {
            case "migrate":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
                    await db.Database.MigrateAsync();
                    Console.WriteLine($"Migrations applied ({db.Database.ProviderName}).");
                }

                return true;
            case "summaries backfill":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var backfill = scope.ServiceProvider.GetRequiredService<SummaryBackfill>();
                    var made = await backfill.RunAsync(new Progress<(int Done, int Total)>(p => Console.WriteLine($"Summaries: {p.Done}/{p.Total}")), CancellationToken.None);
                    Console.WriteLine($"Backfill complete: {made} summaries generated.");
                }

                return true;
            default:
                return false;
        }
    }
}
