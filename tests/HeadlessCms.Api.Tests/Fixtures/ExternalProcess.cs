using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HeadlessCms.Api.Tests.Fixtures;

/// <summary>Running the machine's tools from fixtures (redis-server, pg_createcluster...).</summary>
internal static class ExternalProcess
{
    public static async Task<(int Code, string Output)> RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"could not start {file}");
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + await error);
    }

    public static async Task RunOrThrowAsync(string file, string arguments)
    {
        var (code, output) = await RunAsync(file, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed (exit {code}): {output[Math.Max(0, output.Length - 800)..]}");
        }
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Installs a Debian package when its program is missing and we are root; otherwise says what to install.</summary>
    public static async Task EnsureInstalledAsync(string program, string package)
    {
        if (File.Exists(program))
        {
            return;
        }

        if (Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
        {
            throw new InvalidOperationException($"These tests need {program}: install Debian's {package} package (apt-get install -y {package}).");
        }

        var (code, output) = await RunAsync("/bin/sh", $"-c \"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {package}\"");
        if (code != 0 || !File.Exists(program))
        {
            throw new InvalidOperationException($"apt-get install {package} failed (exit {code}): {output[Math.Max(0, output.Length - 800)..]}");
        }
    }
}
