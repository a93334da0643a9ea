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
            options.UseNpgsql(WithoutSessionReset(connectionString), npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly).CommandTimeout(commandTimeoutSeconds));
        }
        else
        {
            options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly).CommandTimeout(commandTimeoutSeconds));
        }
    }

    /// <summary>
    /// Npgsql resets every pooled connection (DISCARD ALL) before its next use, which costs the server work on each of
    /// a request's queries. The app leaves no session state behind: no SET, LISTEN, temporary tables or session locks
    /// (its advisory lock is transaction-scoped), and Npgsql rolls back an open transaction when a connection returns
    /// to the pool whatever this setting. So there is nothing to reset, unless the connection string says otherwise.
    /// </summary>
    public static string WithoutSessionReset(string connectionString)
    {
        // The plain builder holds only the keys the string sets (Npgsql's knows every key it supports).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("No Reset On Close") || given.ContainsKey("NoResetOnClose"))
        {
            return connectionString;
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
    }
}
