using System.Diagnostics;
using System.Net.Sockets;

namespace HeadlessCms.Api.Tests.Fixtures;

/// <summary>
/// Debian's redis-server on a free loopback port, with its data kept on disk (append-only file) so that a stop and
/// start brings the old keys back: the hard case for "nothing stale after Redis returns". Installed when missing.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Program = "/usr/bin/redis-server";
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"hcms-redis-{Guid.NewGuid():N}");
    private Process? process;

    public int Port { get; } = ExternalProcess.FreePort();

    /// <summary>For ConnectionStrings:Redis.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartNewAsync()
    {
        await ExternalProcess.EnsureInstalledAsync(Program, "redis-server");
        var server = new RedisServer();
        Directory.CreateDirectory(server.folder);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        process = Process.Start(new ProcessStartInfo(Program,
            $"--port {Port} --bind 127.0.0.1 --dir {folder} --appendonly yes --appendfsync always --save \"\" --protected-mode yes")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("could not start redis-server");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on port {Port}");
    }

    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(folder, recursive: true);
    }
}
