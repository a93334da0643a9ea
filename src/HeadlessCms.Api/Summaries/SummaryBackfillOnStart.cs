using HeadlessCms.Api.Infrastructure;

namespace HeadlessCms.Api.Summaries;

/// <summary>Runs the summary backfill at start-up and as the `summaries backfill` command.</summary>
public sealed class SummaryBackfillOnStart(SummaryBackfill backfill, ILogger<SummaryBackfillOnStart> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var made = await backfill.RunAsync(null, cancellationToken);
        if (made > 0)
        {
            logger.LogInformation("Generated {Count} missing summaries.", made);
        }
    }
}

public static class SummaryBackfillRegistration
{
    public static IServiceCollection AddSummaryBackfill(this IServiceCollection services)
    {
        services.AddScoped<SummaryBackfill>();
        services.AddStartupTask<SummaryBackfillOnStart>();
        services.AddStartupCommand("summaries backfill", async (scope, cancellationToken) =>
        {
            var made = await scope.GetRequiredService<SummaryBackfill>().RunAsync(
                new Progress<(int Done, int Total)>(p => Console.WriteLine($"Summaries: {p.Done}/{p.Total}")), cancellationToken);
            Console.WriteLine($"Backfill complete: {made} summaries generated.");
        });
        return services;
    }
}
