namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Headers that tell browsers how little our responses may do. API responses are data: nothing in them may load,
/// run or be framed. Swagger UI and the demo page are the only HTML we serve, and get just what they need.
/// </summary>
public static class SecurityHeaders
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>Swagger UI loads its own scripts and styles, sets inline styles (React) and uses data: icons in its CSS; "Try it out" calls this origin.</summary>
    public const string SwaggerPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>The demo front end may read any API origin it is pointed at and show featured images from anywhere.</summary>
    public const string DemoPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src * data:; font-src 'self'; " +
        "connect-src *; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static void UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var policy = context.Request.Path.StartsWithSegments("/swagger") ? SwaggerPolicy
            : context.Request.Path.StartsWithSegments("/demo") ? DemoPolicy
            : ApiPolicy;
        // On starting, so they survive the exception handler and anything else that clears the response.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = policy;
            return Task.CompletedTask;
        });
        return next(context);
    });
}
