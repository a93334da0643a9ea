using HeadlessCms.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Demo;

public static class DemoContentFeature
{
    /// <summary>Seeds an empty database with the demo news at start-up, unless Cms:SeedDemoContent is false.</summary>
    public static IServiceCollection AddDemoContent(this IServiceCollection services)
    {
        services.AddScoped<DemoContentSeeder>();
        services.AddStartupTask<SeedDemoContentOnStart>();
        return services;
    }

    private sealed class SeedDemoContentOnStart(DemoContentSeeder seeder, IOptions<CmsOptions> options) : IStartupTask
    {
        public Task RunAsync(CancellationToken cancellationToken) =>
            options.Value.SeedDemoContent ? seeder.SeedIfEmptyAsync(cancellationToken) : Task.CompletedTask;
    }
}
