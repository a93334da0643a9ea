using System.Diagnostics;

namespace HeadlessCms.Api.Tests.Browser;

/// <summary>
/// Debian's Chromium for the browser tests: installed here when it is missing and the tests run as root, as the
/// PostgreSQL fixture starts the installed server; otherwise the tests fail and say what to install.
/// </summary>
internal static class ChromiumInstaller
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task EnsureInstalledAsync(string chromiumPath)
    {
        if (File.Exists(chromiumPath))
        {
            return;
        }

        await Gate.WaitAsync();
        try
        {
            if (File.Exists(chromiumPath))
            {
                return;
            }

            var failures = new List<string>();
            if (chromiumPath != "/usr/bin/chromium")
            {
                failures.Add($"HEADLESSCMS_CHROMIUM points at {chromiumPath}, which does not exist");
            }
            else if (Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
            {
                failures.Add("not running as root with apt-get, so it cannot be installed here");
            }
            else
            {
                var (code, output) = await RunAsync("/bin/sh", "-c",
                    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium");
                if (code != 0 || !File.Exists(chromiumPath))
                {
                    failures.Add($"apt-get install chromium failed (exit {code}): {Tail(output)}");
                }
            }

            if (failures.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The browser tests need Chromium at {chromiumPath}: install Debian's package (apt-get install -y chromium), " +
                    "or point HEADLESSCMS_CHROMIUM at a Chromium binary. " + string.Join("; ", failures) + ".");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Tail(string text) => text.Length <= 400 ? text.Trim() : text[^400..].Trim();
}
