using HeadlessCms.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Runs a GET or HEAD again when the database connection dropped under it (a restarted server, a failover, a pooled
/// connection that died while idle). Reads change nothing, so running one twice is safe. Writes are never retried:
/// a connection lost during COMMIT leaves the client unable to know whether the write happened, and running it again
/// could apply it twice (a second article, a second key). They answer 503 and the client decides, re-reading first.
/// This is also why no retrying EF execution strategy is enabled: it would retry SaveChanges as well.
/// </summary>
internal sealed class TransientReadRetryMiddleware(RequestDelegate next, ILogger<TransientReadRetryMiddleware> logger)
{
    private static readonly TimeSpan[] Delays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250)];

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await next(context);
                return;
            }
            catch (Exception e) when (attempt < Delays.Length && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested
                                      && DatabaseErrors.IsDroppedConnection(e))
            {
                logger.LogInformation("Retrying {Method} {Path} after a dropped database connection: {Message}", context.Request.Method, context.Request.Path, e.Message);
                context.Response.Clear();
                context.RequestServices.GetRequiredService<Telemetry.CmsMetrics>().DatabaseRetry();
                // One dead pooled connection means the others idle beside it died too (the server restarted or the
                // network dropped): drop them all, so the retry opens a fresh one instead of meeting the next corpse.
                if (context.RequestServices.GetRequiredService<CmsDbContext>().Database.GetDbConnection() is NpgsqlConnection connection)
                {
                    NpgsqlConnection.ClearPool(connection);
                }

                await Task.Delay(Delays[attempt], context.RequestAborted);

                // A fresh scope: new DbContext, and authentication that runs again instead of replaying its failure.
                var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                context.Response.RegisterForDisposeAsync(scope);
                context.RequestServices = scope.ServiceProvider;
            }
        }
    }
}
