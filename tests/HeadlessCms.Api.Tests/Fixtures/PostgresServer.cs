using System.Diagnostics;
using Docker.DotNet;
using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;

namespace HeadlessCms.Api.Tests.Fixtures;

/// <summary>
/// The PostgreSQL the tests use, found in this order: HEADLESSCMS_TEST_POSTGRES (a connection string to a role
/// that may create databases); Testcontainers where a Docker engine answers; the PostgreSQL server installed on this
/// machine, started here if it is stopped. With none of these the PostgreSQL tests fail, saying what to install.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "HEADLESSCMS_TEST_POSTGRES";
    private const string LocalRole = "headlesscms_test";
    private const string LocalPassword = "headlesscms_test";
    private static readonly Lazy<Task<string>> Admin = new(FindAsync);

    /// <summary>A connection string to the server's maintenance database, for a role that can create databases.</summary>
    public static Task<string> AdminConnectionStringAsync() => Admin.Value;

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var admin = await AdminConnectionStringAsync();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync());
        await connection.OpenAsync();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                // An autovacuum worker busy in the database cannot be terminated without pg_signal_backend; it finishes
                // soon. A test database left behind is not worth failing a run whose tests passed.
                if (attempt == 10)
                {
                    await Console.Error.WriteLineAsync($"Could not drop test database {name}: {e.MessageText}");
                    return;
                }

                await Task.Delay(500);
            }
        }
    }

    private static async Task<string> FindAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var failures = new List<string>();
        try
        {
            // The query-plan tests were written against PostgreSQL 15, the version installed on our machines.
            var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return container.GetConnectionString();
        }
        // DockerApiException: an engine answers but refuses, e.g. the image cannot be pulled offline; the installed
        // server may still be there.
        catch (Exception e) when (e is DockerUnavailableException or DockerApiException or InvalidOperationException or TimeoutException or System.Net.Http.HttpRequestException)
        {
            failures.Add("Testcontainers: " + e.Message.Split('\n')[0]);
        }

        try
        {
            return await StartLocalServerAsync();
        }
        catch (Exception e)
        {
            failures.Add("Local server: " + e.Message);
        }

        throw new InvalidOperationException(
            "The PostgreSQL tests need a PostgreSQL server and found none. Set " + EnvironmentVariable +
            " to a connection string of a role with CREATEDB, or run a Docker engine, or install PostgreSQL (apt-get install postgresql). Tried: " +
            string.Join(" | ", failures));
    }

    /// <summary>Our machines have PostgreSQL installed but stopped, and tests run as root: start it and make a test role.</summary>
    private static async Task<string> StartLocalServerAsync()
    {
        var connectionString = $"Host=127.0.0.1;Port=5432;Username={LocalRole};Password={LocalPassword};Database=postgres;Timeout=5";
        if (await CanConnectAsync(connectionString))
        {
            return connectionString;
        }

        var cluster = Directory.Exists("/etc/postgresql") ? Directory.GetDirectories("/etc/postgresql").Select(Path.GetFileName).OrderDescending().FirstOrDefault() : null;
        if (cluster is null)
        {
            throw new InvalidOperationException("no PostgreSQL installation under /etc/postgresql");
        }

        await RunAsync("pg_ctlcluster", $"{cluster} main start", allowFailure: true);
        for (var i = 0; i < 30 && (await RunAsync("pg_isready", "-h 127.0.0.1 -p 5432", allowFailure: true)) != 0; i++)
        {
            await Task.Delay(500);
        }

        var sql = $"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{LocalRole}') THEN CREATE ROLE {LocalRole} LOGIN CREATEDB PASSWORD '{LocalPassword}'; END IF; END $$;";
        await RunAsync("runuser", $"-u postgres -- psql -v ON_ERROR_STOP=1 -c \"{sql}\"", allowFailure: false);
        // Lets DROP DATABASE ... WITH (FORCE) end an autovacuum worker still busy in a test database.
        await RunAsync("runuser", $"-u postgres -- psql -c \"GRANT pg_signal_backend TO {LocalRole}\"", allowFailure: true);
        if (!await CanConnectAsync(connectionString))
        {
            throw new InvalidOperationException("started the local server but could not log in as " + LocalRole);
        }

        return connectionString;
    }

    private static async Task<bool> CanConnectAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task<int> RunAsync(string file, string arguments, bool allowFailure)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"could not start {file}");
        var error = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {error}");
        }

        return process.ExitCode;
    }
}
