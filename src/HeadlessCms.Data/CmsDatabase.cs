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

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
        }
        else
        {
            options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
        }
    }
}
