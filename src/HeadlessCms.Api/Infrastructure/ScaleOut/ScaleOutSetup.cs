using HeadlessCms.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeadlessCms.Api.Infrastructure.ScaleOut;

/// <summary>
/// Running several instances: ConnectionStrings:Redis shares the delivery cache and the content generation,
/// ConnectionStrings:CmsReadOnly sends delivery reads to a replica. Neither set: one instance, everything in memory.
/// </summary>
public static class ScaleOutSetup
{
    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SharedRedis>();
        services.AddSingleton<ReadReplica>();
        services.AddScoped<DatabaseRoute>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [Health.ReadyTag]);
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis")))
        {
            return services;
        }

        services.AddStackExchangeRedisOutputCache(_ => { });
        services.AddOptions<RedisOutputCacheOptions>().Configure<SharedRedis>((options, redis) =>
        {
            options.ConnectionMultiplexerFactory = () => Task.FromResult(redis.Multiplexer);
            options.InstanceName = redis.KeyPrefix + "output:";
        });
        // The Redis store, wrapped so its failures become cache misses.
        var redisStore = services.Last(d => d.ServiceType == typeof(IOutputCacheStore)).ImplementationType
            ?? throw new InvalidOperationException("The Redis output cache store registration has changed shape.");
        services.RemoveAll<IOutputCacheStore>();
        services.AddSingleton(redisStore);
        services.AddSingleton<IOutputCacheStore>(sp => new ResilientOutputCacheStore((IOutputCacheStore)sp.GetRequiredService(redisStore), sp.GetRequiredService<SharedRedis>()));
        return services;
    }

    /// <summary>After the output cache: only a request the cache did not answer decides where to read.</summary>
    public static void UseReadReplica(this WebApplication app) => app.Use(async (http, next) =>
    {
        var replica = http.RequestServices.GetRequiredService<ReadReplica>();
        if (replica.Configured && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && http.GetEndpoint()?.Metadata.GetMetadata<DeliveryEndpointMetadata>() is not null)
        {
            var generation = http.RequestServices.GetRequiredService<ContentGeneration>();
            if (await generation.RequiredPositionAsync(http.RequestAborted) is { } required && await replica.HasReplayedAsync(required, http.RequestAborted))
            {
                http.RequestServices.GetRequiredService<DatabaseRoute>().UseReplica = true;
            }
        }

        await next(http);
    });

    /// <summary>Redis down is degraded, not unready: the instance serves from the database meanwhile.</summary>
    private sealed class RedisHealthCheck(SharedRedis redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (!redis.Configured)
            {
                return HealthCheckResult.Healthy("Redis is not configured.");
            }

            try
            {
                await redis.Database.PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (SharedRedis.IsRedisFailure(e))
            {
                redis.ReportFailure(e);
                return HealthCheckResult.Degraded("Redis cannot be reached: serving from the database without the shared cache.");
            }
        }
    }
}

/// <summary>Where this request's <see cref="CmsDbContext"/> reads from; the replica only when decided so above.</summary>
public sealed class DatabaseRoute
{
    public bool UseReplica { get; set; }
}
