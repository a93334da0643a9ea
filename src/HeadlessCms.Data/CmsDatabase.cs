using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class CmsDatabase
{
    public const string PostgresMigrationsAssembly = "HeadlessCms.Migrations.Postgres";
    public const string SqliteMigrationsAssembly = "HeadlessCms.Migrations.Sqlite";

    /// <param name="commandTimeoutSeconds">How long one query may run before it fails (and the request answers 503) instead of hanging.</param>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, int? commandTimeoutSeconds = null)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly).CommandTimeout(commandTimeoutSeconds));
        }
        else
        {
            options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly).CommandTimeout(commandTimeoutSeconds));
        }
    }
}
