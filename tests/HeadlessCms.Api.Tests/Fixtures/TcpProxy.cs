using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace HeadlessCms.Api.Tests.Fixtures;

/// <summary>
/// A TCP forwarder the tests control, put between the app and PostgreSQL: <see cref="Cut"/> drops every open
/// connection and refuses new ones (the database "goes away"); <see cref="Restore"/> lets connections through again.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string targetHost;
    private readonly int targetPort;
    private readonly ConcurrentDictionary<long, (TcpClient Client, TcpClient Server)> links = new();
    private readonly CancellationTokenSource stopping = new();
    private long nextLink;
    private volatile bool cut;

    public TcpProxy(string targetHost, int targetPort)
    {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public bool IsCut => cut;

    public void Cut()
    {
        cut = true;
        foreach (var (id, link) in links)
        {
            Close(id, link);
        }
    }

    public void Restore() => cut = false;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Cut();
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        if (cut)
        {
            client.Client.LingerState = new LingerOption(true, 0); // reset, like a server that is gone
            client.Dispose();
            return;
        }

        var server = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(targetHost, targetPort, stopping.Token);
        }
        catch (Exception)
        {
            client.Dispose();
            server.Dispose();
            return;
        }

        var id = Interlocked.Increment(ref nextLink);
        var link = (client, server);
        links[id] = link;
        if (cut)
        {
            Close(id, link);
            return;
        }

        await Task.WhenAny(PumpAsync(client.GetStream(), server.GetStream()), PumpAsync(server.GetStream(), client.GetStream()));
        Close(id, link);
    }

    private static async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
        }
    }

    private void Close(long id, (TcpClient Client, TcpClient Server) link)
    {
        links.TryRemove(id, out _);
        foreach (var side in new[] { link.Client, link.Server })
        {
            try
            {
                side.Client.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
            }

            side.Dispose();
        }
    }
}
