using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HeadlessCms.Api.Tests.Browser;

/// <summary>
/// The demo page on the CMS's origin must never be aimed at another server: a link with ?api= (or a page URL in the
/// hash) naming a hostile server on loopback is ignored, both by the page itself and by its CSP. The hostile server
/// records every connection, and answers what an attacker would (an article whose bodyHtml redirects the reader).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileApiBrowserTests(BrowserFixture fixture)
{
    private const string PermissivePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src * data:; connect-src *";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task TheDemoIgnoresAForeignApiInItsUrl(bool withServersPolicy) => fixture.InPageAsync(nameof(TheDemoIgnoresAForeignApiInItsUrl), async page =>
    {
        using var hostile = new HostileServer();
        if (!withServersPolicy)
        {
            // Without the CSP's help: the page itself must not use the foreign origin.
            await page.RouteAsync(fixture.BaseUrl + "/demo/**", async route =>
            {
                var response = await route.FetchAsync();
                var headers = new Dictionary<string, string>(response.Headers) { ["content-security-policy"] = PermissivePolicy };
                await route.FulfillAsync(new RouteFulfillOptions { Response = response, Headers = headers });
            });
        }

        await page.GotoAsync($"{fixture.BaseUrl}/demo/?api={Uri.EscapeDataString(hostile.Url)}#/article/no-such-article-here");
        await Expect(page.GetByTestId("not-found")).ToBeVisibleAsync();

        var foreignPage = Uri.EscapeDataString(hostile.Url + "/api/v1/articles?pageSize=10");
        await page.GotoAsync($"{fixture.BaseUrl}/demo/#/?page={foreignPage}");
        await Expect(page.GetByTestId("article-item").First).ToBeVisibleAsync();

        Assert.StartsWith(fixture.BaseUrl, page.Url, StringComparison.Ordinal);
        Assert.Equal(0, hostile.Connections);
    });

    private sealed class HostileServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private int connections;

        public HostileServer()
        {
            listener.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            _ = Task.Run(AcceptAsync);
        }

        public string Url { get; }

        public int Connections => Volatile.Read(ref connections);

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var client = await listener.AcceptTcpClientAsync(stop.Token);
                    Interlocked.Increment(ref connections);
                    var body = """{"items":[],"slug":"x","title":"Owned","bodyHtml":"<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">","links":{}}""";
                    var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nAccess-Control-Allow-Origin: *\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
                    await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(response), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (SocketException)
                {
                    // A browser that hung up: it still counted as contact.
                }
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            stop.Dispose();
        }
    }
}
