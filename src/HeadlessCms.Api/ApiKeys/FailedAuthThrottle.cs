using System.Globalization;
using System.Threading.RateLimiting;
using HeadlessCms.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.ApiKeys;

/// <summary>
/// Counts requests whose API key was unknown or revoked, per client address: past
/// Cms:RateLimit:FailedAuthPerAddressPerMinute (default 30) in a minute, the next wrong key from that address answers
/// 429 with Retry-After instead of 401. Only failures are counted, so a valid key from the same address (an office
/// behind one NAT address) keeps working while someone there guesses. Off with the rest of rate limiting.
/// </summary>
public sealed class FailedAuthThrottle(IOptions<CmsOptions> options) : IDisposable
{
    private const string ThrottledKey = "HeadlessCms.FailedAuthThrottled";

    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.RateLimit.FailedAuthPerAddressPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Records a failed key; true when this address is past its allowance.</summary>
    public void RecordFailure(HttpContext http)
    {
        if (!options.Value.RateLimit.Enabled)
        {
            return;
        }

        using var lease = failures.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
            http.Items[ThrottledKey] = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        }
    }

    /// <summary>Runs after authentication: a throttled request goes no further, whatever endpoint it was for.</summary>
    public static async Task RefuseThrottledAsync(HttpContext http, Func<Task> next)
    {
        if (http.Items[ThrottledKey] is not int seconds)
        {
            await next();
            return;
        }

        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ErrorHandling.WriteProblemAsync(http, null, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"Too many requests with an unknown or revoked API key came from your address; retry after {seconds} seconds.");
    }

    public void Dispose() => failures.Dispose();
}
