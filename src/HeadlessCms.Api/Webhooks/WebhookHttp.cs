using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Webhooks;

/// <summary>The outcome of one attempt.</summary>
public sealed record AttemptResult(int? StatusCode, int DurationMs, string? Error, string? ResponseBody)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>Sends signed webhook requests: no redirects, a timeout, and the SSRF guard on the address actually connected to.</summary>
public sealed class WebhookHttp(IHttpClientFactory clients, TimeProvider time, IOptions<WebhookOptions> options)
{
    public const string ClientName = "webhooks";
    private const int MaxResponseChars = 4000;

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<WebhookHttp>();
        services.AddHttpClient(ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var allowPrivate = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    UseProxy = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = (context, cancellationToken) => ConnectAsync(context, allowPrivate, cancellationToken),
                };
            });
    }

    public async Task<AttemptResult> SendAsync(string url, string secret, string messageId, string body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, messageId, timestamp, body));
        request.Headers.UserAgent.ParseAdd("HeadlessCms-Webhooks/1");
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var text = await ReadLimitedAsync(response, timeout.Token);
            var status = (int)response.StatusCode;
            string? error = status is >= 200 and < 300 ? null
                : status is >= 300 and < 400 ? $"Answered {status} (a redirect); redirects are not followed."
                : $"Answered {status}.";
            return new AttemptResult(status, Elapsed(started), error, text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(null, Elapsed(started), $"No answer within {options.Value.TimeoutSeconds} s.", null);
        }
        catch (HttpRequestException ex)
        {
            return new AttemptResult(null, Elapsed(started), Describe(ex), null);
        }
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        // Checked on the addresses resolved for this very connection, so DNS rebinding after registration does not help.
        if (!allowPrivate && (addresses.Length == 0 || addresses.Any(a => !AddressGuard.IsPublic(a))))
        {
            throw new BlockedAddressException($"'{host}' resolves to a non-public address; the connection was refused.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<string> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxResponseChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return new string(buffer, 0, read);
    }

    private static string Describe(HttpRequestException ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is BlockedAddressException blocked)
            {
                return blocked.Message;
            }
        }

        return "Connection failed: " + (ex.InnerException?.Message ?? ex.Message);
    }

    private static int Elapsed(long started) => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private sealed class BlockedAddressException(string message) : Exception(message);
}
