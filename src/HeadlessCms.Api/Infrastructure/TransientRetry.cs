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
                await Task.Delay(Delays[attempt], context.RequestAborted);
            }
        }
    }
}
