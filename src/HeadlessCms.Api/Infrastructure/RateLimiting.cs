using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using HeadlessCms.Api.ApiKeys;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Cms:RateLimit: every client address gets PermitsPerAddressPerMinute, and every API key (whoever sends it, from
/// wherever) PermitsPerKeyPerMinute. Both apply to a request with a key, so a stream of made-up keys cannot buy fresh
/// allowances from one address. Health probes are exempt. Off with Cms__RateLimit__Enabled=false.
/// </summary>
public static class RateLimiting
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddCmsRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            // Built here, once per host, so two hosts in one process (tests) never share counters.
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(ByAddress(), ByKey());
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : (int)Window.TotalSeconds;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ErrorHandling.WriteProblemAsync(context.HttpContext, null, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"The rate limit was reached; retry after {seconds} seconds.");
            };
        });
        return services;
    }

    private static PartitionedRateLimiter<HttpContext> ByAddress() => PartitionedRateLimiter.Create<HttpContext, string>(http =>
    {
        var options = Options(http);
        if (options is null)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter("address:" + address, _ => PerMinute(options.PermitsPerAddressPerMinute));
    });

    private static PartitionedRateLimiter<HttpContext> ByKey() => PartitionedRateLimiter.Create<HttpContext, string>(http =>
    {
        var options = Options(http);
        var key = options is null ? null : ApiKeyAuthenticationHandler.ReadKey(http.Request);
        if (options is null || key is null)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        // Partitioned by a hash: the limiter's keys are kept in memory and must not hold the secret itself.
        var partition = "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 16);
        return RateLimitPartition.GetFixedWindowLimiter(partition, _ => PerMinute(options.PermitsPerKeyPerMinute));
    });

    private static CmsOptions.RateLimitOptions? Options(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<CmsOptions>>().Value.RateLimit;
        return options.Enabled && !http.Request.Path.StartsWithSegments("/health") ? options : null;
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
