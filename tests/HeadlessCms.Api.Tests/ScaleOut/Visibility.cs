using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace HeadlessCms.Api.Tests.ScaleOut;

/// <summary>
/// Polls another instance until a write shows, records how long that took, and fails on any 5xx or on a state that
/// goes back after it was seen. The deadline is generous; latency is reported, not asserted (the machine is noisy).
/// </summary>
public sealed class Visibility(HttpClient reader)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public List<double> LatenciesMs { get; } = [];

    /// <summary>Writes whose new state the very first read after the acknowledgement showed.</summary>
    public int OnFirstRead { get; private set; }

    /// <summary>Polls until every check holds at once, starting the clock at <paramref name="acknowledged"/>.</summary>
    public async Task AwaitAsync(long acknowledged, string what, params (string Url, Func<HttpStatusCode, JsonElement?, bool> Holds)[] checks)
    {
        for (var round = 0; ; round++)
        {
            var all = true;
            foreach (var (url, holds) in checks)
            {
                var (status, body) = await GetAsync(url);
                all &= holds(status, body);
            }

            if (all)
            {
                LatenciesMs.Add(Stopwatch.GetElapsedTime(acknowledged).TotalMilliseconds);
                OnFirstRead += round == 0 ? 1 : 0;
                break;
            }

            Assert.True(Stopwatch.GetElapsedTime(acknowledged) < Deadline, $"{what}: not visible on the other instance after {Deadline.TotalSeconds} s");
            await Task.Delay(2);
        }

        // Seen once, it must stay: a cache entry from before the write must not come back.
        for (var i = 0; i < 3; i++)
        {
            foreach (var (url, holds) in checks)
            {
                var (status, body) = await GetAsync(url);
                Assert.True(holds(status, body), $"{what}: {url} went back to an older state ({(int)status})");
            }
        }
    }

    public async Task<(HttpStatusCode Status, JsonElement? Body)> GetAsync(string url)
    {
        using var response = await reader.GetAsync(url, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode < 500, $"GET {url} answered {(int)response.StatusCode}: {text}");
        return (response.StatusCode, response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(text).RootElement : null);
    }

    public string Summary()
    {
        var sorted = LatenciesMs.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return sorted.Count == 0 ? "no writes" : $"{sorted.Count} checked writes, {OnFirstRead} visible on the first read after the acknowledgement; " +
              $"time to a complete read showing them: p50 {At(0.5):F1} ms, p99 {At(0.99):F1} ms, max {sorted[^1]:F1} ms";
    }
}
