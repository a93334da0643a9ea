using HeadlessCms.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Infrastructure;

public static class DatabaseSetup
{
    public static IServiceCollection AddCmsDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        // Read lazily so test hosts and environment variables set after start-up code runs are honoured.
        services.AddPooledDbContextFactory<CmsDbContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Cms");
            if (database.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
            {
                connectionString = $"Data Source={Path.Combine(QuickstartFolder(environment), "headlesscms.db")}";
            }

            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Cms (ConnectionStrings__Cms) is not set.");
            }

            CmsDatabase.Configure(options, database.Provider, connectionString, database.CommandTimeoutSeconds);
            options.UseModel(CompiledModel(database.Provider));
            options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
            // A failed save is a conflict the caller answers (409, 412) or retries (a made slug lost to another
            // writer), or an error the exception handler logs: EF's own error line for it would be noise.
            options.ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug)));
            // Registered by what needs to follow saves (the delivery cache), not known here.
            options.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        // Pooled contexts on the primary; a delivery read routed to the replica (ScaleOut) gets one there.
        services.AddScoped(sp => sp.GetRequiredService<ScaleOut.DatabaseRoute>().UseReplica && sp.GetRequiredService<ScaleOut.ReadReplica>().ContextOptions is { } replica
            ? new CmsDbContext(replica)
            : sp.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>
    /// The provider's model as generated code (`migrations/optimize.sh`): building it from the configuration classes
    /// at start-up cost more than a third of the time to ready. A test fails when either falls behind the model.
    /// </summary>
    public static IModel CompiledModel(DatabaseProvider provider) => provider == DatabaseProvider.Postgres
        ? HeadlessCms.Migrations.Postgres.CompiledModel.CmsDbContextModel.Instance
        : HeadlessCms.Migrations.Sqlite.CompiledModel.CmsDbContextModel.Instance;

    /// <summary>Where the SQLite quickstart keeps its database (and what belongs with it), created on first use.</summary>
    public static string QuickstartFolder(IHostEnvironment environment)
    {
        var folder = Path.Combine(environment.ContentRootPath, "data");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
