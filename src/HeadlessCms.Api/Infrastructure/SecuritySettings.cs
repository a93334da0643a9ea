using System.Net;
using System.Text.Json;
using HeadlessCms.Api.ApiKeys;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// The settings a deployment must get right to be safe (README "Security"): they are checked when the app starts, so a
/// weak admin key or an unreadable proxy address stops it with a message instead of running half-protected.
/// </summary>
public static class SecuritySettings
{
    public static IServiceCollection AddSecuritySettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<CmsOptions>, CmsSecurityValidator>();
        services.AddOptions<CmsOptions>().ValidateOnStart();
        services.AddSingleton<FailedAuthThrottle>();
        services.AddSingleton<DeliveryQueryParameters>();

        var cms = configuration.GetSection(CmsOptions.Section).Get<CmsOptions>() ?? new CmsOptions();
        services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = TimeSpan.FromSeconds(Math.Max(1, cms.RequestTimeoutSeconds)),
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            WriteTimeoutResponse = async http =>
            {
                http.Response.Headers.RetryAfter = "5";
                await ErrorHandling.WriteProblemAsync(http, null, StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                    $"The request did not complete within {Math.Max(1, cms.RequestTimeoutSeconds)} seconds and was stopped.");
            },
        });

        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            var proxies = cms.ForwardedHeaders.KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray();
            var networks = cms.ForwardedHeaders.KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n)).ToArray();
            // The defaults (127.0.0.0/8 and ::1) stay when nothing is configured; a configured list replaces them, so
            // X-Forwarded-* from any other sender is ignored rather than letting a client choose its address and host.
            if (proxies.Length + networks.Length > 0)
            {
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                // Unreadable entries are reported by CmsSecurityValidator, which stops the start-up.
                foreach (var proxy in proxies)
                {
                    if (IPAddress.TryParse(proxy.Trim(), out var address))
                    {
                        forwarded.KnownProxies.Add(address);
                    }
                }

                foreach (var network in networks)
                {
                    if (System.Net.IPNetwork.TryParse(network.Trim(), out var range))
                    {
                        forwarded.KnownIPNetworks.Add(range);
                    }
                }
            }

            // X-Forwarded-Host is held to the hosts the Host header is (AllowedHosts), so a client cannot rename the site in links.
            var hosts = (configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (!hosts.Contains("*"))
            {
                forwarded.AllowedHosts = hosts;
            }
        });

        // Paths are matched case-sensitively, so /API/V1/Articles cannot share (or add) entries with /api/v1/articles:
        // a non-canonical path is answered with a 404 that is never stored.
        services.Configure<OutputCacheOptions>(o => o.UseCaseSensitivePaths = true);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.AllowDuplicateProperties = false);
        return services;
    }

    /// <summary>Links and Location headers use Cms:PublicBaseUrl when it is set, whatever Host or X-Forwarded-Host said.</summary>
    public static void UsePublicBaseUrl(this IApplicationBuilder app, CmsOptions cms)
    {
        if (string.IsNullOrWhiteSpace(cms.PublicBaseUrl) || !Uri.TryCreate(cms.PublicBaseUrl, UriKind.Absolute, out var baseUrl))
        {
            return;
        }

        var host = HostString.FromUriComponent(baseUrl);
        var pathBase = PathString.FromUriComponent(baseUrl.AbsolutePath.TrimEnd('/'));
        app.Use((http, next) =>
        {
            http.Request.Scheme = baseUrl.Scheme;
            http.Request.Host = host;
            http.Request.PathBase = pathBase;
            return next(http);
        });
    }
}

internal sealed class CmsSecurityValidator : IValidateOptions<CmsOptions>
{
    public ValidateOptionsResult Validate(string? name, CmsOptions options)
    {
        var problems = new List<string>();
        if (BootstrapAdminKeyRules.Problem(options.BootstrapAdminKey) is { } key)
        {
            problems.Add(key);
        }

        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            && !(Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && string.IsNullOrEmpty(url.Query)))
        {
            problems.Add($"Cms:PublicBaseUrl must be an absolute http(s) URL such as https://news.example.org; it is '{options.PublicBaseUrl}'.");
        }

        problems.AddRange(options.ForwardedHeaders.KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p) && !IPAddress.TryParse(p.Trim(), out _))
            .Select(p => $"Cms:ForwardedHeaders:KnownProxies holds '{p}', which is not an IP address."));
        problems.AddRange(options.ForwardedHeaders.KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n) && !System.Net.IPNetwork.TryParse(n.Trim(), out _))
            .Select(n => $"Cms:ForwardedHeaders:KnownNetworks holds '{n}', which is not a network in CIDR form (10.0.0.0/8)."));
        if (options.RequestTimeoutSeconds < 1)
        {
            problems.Add("Cms:RequestTimeoutSeconds must be at least 1.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
