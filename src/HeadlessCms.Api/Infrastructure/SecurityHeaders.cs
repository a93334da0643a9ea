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

    /// <summary>No feature a page could ask the browser for is needed by anything we serve.</summary>
    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

    /// <summary>
    /// The demo front end talks only to its own origin (so a page on this origin can never be aimed at another API and
    /// insert what it sends), and shows featured images from here and the hosts in Cms:Demo:ImageSources.
    /// </summary>
    public static string DemoPolicy(IEnumerable<string> imageSources) =>
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src " + string.Join(' ', imageSources.Prepend("'self' data:")) +
        "; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static void UseSecurityHeaders(this IApplicationBuilder app, CmsOptions cms)
    {
        // Only scheme://host[:port] sources: anything else could widen or break the policy.
        var demoPolicy = DemoPolicy(cms.Demo.ImageSources
            .Where(s => Uri.TryCreate(s, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.PathAndQuery == "/")
            .Select(s => new Uri(s).GetLeftPart(UriPartial.Authority)));
        app.Use((context, next) => Apply(context, next, demoPolicy));
    }

    private static Task Apply(HttpContext context, RequestDelegate next, string demoPolicy)
    {
        var policy = context.Request.Path.StartsWithSegments("/swagger") ? SwaggerPolicy
            : context.Request.Path.StartsWithSegments("/demo") ? demoPolicy
            : ApiPolicy;
        // On starting, so they survive the exception handler and anything else that clears the response.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = policy;
            headers["Permissions-Policy"] = PermissionsPolicy;
            if (context.Request.IsHttps)
            {
                // Over HTTPS (directly, or through a trusted proxy that said so): browsers keep to HTTPS from then on.
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            // CORS answers differ by Origin (allowed or not): a shared cache must keep them apart, whichever it was.
            if (context.Request.Path.StartsWithSegments("/api") && !headers.Vary.Any(v => v is not null && v.Contains("Origin", StringComparison.OrdinalIgnoreCase)))
            {
                headers.Append("Vary", "Origin");
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
