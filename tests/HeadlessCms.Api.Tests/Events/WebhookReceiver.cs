using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HeadlessCms.Api.Tests.Events;

/// <summary>One request the receiver got, and whether its signature verified.</summary>
public sealed record ReceivedWebhook(string? Id, string? Timestamp, string? Signature, string Body, bool Verified)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Type => Json.GetProperty("type").GetString()!;
}

/// <summary>A webhook receiver on loopback (Kestrel), verifying signatures independently of the product code.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? app;

    public WebhookReceiver(int? port = null)
    {
        Port = port ?? FreePort();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>The secret to verify with; set it once the webhook is created.</summary>
    public string Secret { get; set; } = "whsec_" + Convert.ToBase64String(new byte[32]);

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        app = builder.Build();
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            string? Header(string name) => http.Request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
            var verified = StandardWebhooksVerifier.Verify(Secret, Header("webhook-id"), Header("webhook-timestamp"), Header("webhook-signature"), body, DateTimeOffset.UtcNow);
            Received.Enqueue(new ReceivedWebhook(Header("webhook-id"), Header("webhook-timestamp"), Header("webhook-signature"), body, verified));
            return verified ? Results.Ok() : Results.Unauthorized();
        });
        await app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Waits (generously; no timing is asserted) until the condition holds on what was received.</summary>
    public async Task<List<ReceivedWebhook>> WaitForAsync(Func<List<ReceivedWebhook>, bool> condition, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var snapshot = Received.ToList();
            if (condition(snapshot))
            {
                return snapshot;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The receiver did not get what was expected within {seconds} s; got {snapshot.Count}: {string.Join(", ", snapshot.Select(r => r.Body).Take(5))}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Polls until a condition holds, with a generous deadline (the machine is busy; nothing is timed).</summary>
public static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Not within {seconds} s: {what}. Last: {value}");
            await Task.Delay(150, TestContext.Current.CancellationToken);
        }
    }
}
