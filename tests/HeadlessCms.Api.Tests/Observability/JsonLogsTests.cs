using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using HeadlessCms.Api.Tests.Events;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Observability;

/// <summary>
/// The API as operators run it (its own process, console logs, Logging__Console__FormatterName=json): every line on
/// stdout is one JSON object, lines written inside a request carry its W3C trace id, and no line holds a key or a
/// webhook secret. The test client validates responses against the contract like every other.
/// </summary>
public sealed class JsonLogsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JsonConsoleLogsCarryTheRequestsTraceIdAndNoSecret()
    {
        var folder = Directory.CreateTempSubdirectory("hcms-jsonlogs-");
        var adminKey = "hcms_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var wrongKey = "hcms_wrong_" + Guid.NewGuid().ToString("N");
        var baseUrl = $"http://127.0.0.1:{WebhookReceiver.FreePort()}";
        var lines = new ConcurrentQueue<string>();
        using var api = Start(baseUrl, folder.FullName, adminKey, lines);
        try
        {
            using var client = new HttpClient(new ResponseContractHandler(new HttpClientHandler())) { BaseAddress = new Uri(baseUrl) };
            await WaitUntilReadyAsync(client, api, lines);

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/articles", Ct)).StatusCode);

            using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/manage/webhooks")
            {
                Content = JsonContent.Create(new { url = "http://127.0.0.1:9/hook", description = "log check" }),
            };
            create.Headers.Add("X-Api-Key", adminKey);
            var created = await (await client.SendAsync(create, Ct)).AssertJsonAsync(HttpStatusCode.Created);
            var secret = created.GetProperty("secret").GetString()!;

            using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/v1/manage/articles");
            wrong.Headers.Authorization = new("Bearer", wrongKey);
            var refused = await (await client.SendAsync(wrong, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
            // The problem's traceId (W3C: 00-<trace id>-<span id>-<flags>) finds the request's lines in the logs.
            // (Not a traceparent of this test's own: OpenTelemetry instrumentation of other test hosts in this process
            // rewrites the trace headers of outgoing requests.)
            var traceId = refused.GetProperty("traceId").GetString()!.Split('-')[1];

            // The console logger writes from a queue: wait for the line rather than for a time.
            for (var deadline = DateTime.UtcNow.AddSeconds(60); !lines.Any(l => HasTraceId(TryParse(l), traceId)); await Task.Delay(100, Ct))
            {
                Assert.True(DateTime.UtcNow < deadline, $"no JSON log line has TraceId {traceId} in its scopes; the lines of that request:\n" +
                    string.Join('\n', lines.Where(l => l.Contains("/api/v1/manage/articles", StringComparison.Ordinal)).Take(6)));
            }

            await Stop(api);
            var logged = lines.Where(l => l.Length > 0).ToList();
            Assert.All(logged, l => Assert.True(TryParse(l) is not null, $"a console line is not JSON: {l}"));
            foreach (var hidden in new[] { adminKey, wrongKey, secret, secret["whsec_".Length..] })
            {
                var leak = logged.FirstOrDefault(l => l.Contains(hidden, StringComparison.Ordinal));
                Assert.True(leak is null, $"a secret appears in the JSON logs: {leak}");
            }
        }
        finally
        {
            await Stop(api);
            folder.Delete(recursive: true);
        }
    }

    private static Process Start(string baseUrl, string folder, string adminKey, ConcurrentQueue<string> lines)
    {
        // The API project's own output (built with this test project, same configuration), run as `dotnet <dll>`.
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
        var project = Path.Combine(Contract.OpenApiDocumentTests.RepositoryRoot(), "src", "HeadlessCms.Api");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(project, "bin", configuration, "net10.0", "HeadlessCms.Api.dll"), "--urls", baseUrl },
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__Console__FormatterName"] = "json",
                ["Logging__LogLevel__Default"] = "Information",
                ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
                ["Database__Provider"] = "Sqlite",
                ["ConnectionStrings__Cms"] = $"Data Source={Path.Combine(folder, "cms.db")}",
                ["Cms__SeedDemoContent"] = "false",
                ["Cms__BootstrapAdminKey"] = adminKey,
                ["Cms__CursorSigningKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
                ["Cms__Webhooks__AllowPrivateNetworks"] = "true",
            },
        };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => lines.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => lines.Enqueue(e.Data ?? string.Empty);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process api, ConcurrentQueue<string> lines)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(180); ; await Task.Delay(250, Ct))
        {
            Assert.False(api.HasExited, $"the API exited ({(api.HasExited ? api.ExitCode : 0)}):\n{string.Join('\n', lines)}");
            Assert.True(DateTime.UtcNow < deadline, $"the API was not ready within 180 s:\n{string.Join('\n', lines)}");
            try
            {
                if ((await client.GetAsync("/health/ready", Ct)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }
    }

    private static async Task Stop(Process api)
    {
        if (!api.HasExited)
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync(Ct);
        }

        // Flushes the asynchronous readers: every line is in before the test reads them.
        api.WaitForExit();
    }

    private static bool HasTraceId(JsonElement? line, string traceId) =>
        line is { } json && json.TryGetProperty("Scopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array
        && scopes.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out var t) && t.GetString() == traceId);

    private static JsonElement? TryParse(string line)
    {
        try
        {
            return JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
