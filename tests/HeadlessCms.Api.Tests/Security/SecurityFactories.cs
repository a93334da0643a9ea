using System.Net;
using HeadlessCms.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HeadlessCms.Api.Tests.Security;

/// <summary>
/// Stands in for the network: the TestServer has no peer address, so a request's X-Test-Peer header says which
/// address it came from (before any of the app's middleware, as Kestrel's connection would).
/// </summary>
internal sealed class PeerAddressStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            if (http.Request.Headers.Remove(Header, out var peer))
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            }

            return nextMiddleware(http);
        });
        next(app);
    };

    public static void AddTo(IWebHostBuilder builder) => builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerAddressStartupFilter>());
}

/// <summary>Behind configured proxies (10.1.2.3 and 10.9.0.0/16), with the site's hosts restricted.</summary>
public sealed class ConfiguredProxiesOnPostgres : PostgresApiFactory
{
    public ConfiguredProxiesOnPostgres() => SecurityFactorySettings.ConfiguredProxies(Set);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PeerAddressStartupFilter.AddTo(builder);
    }
}

public sealed class ConfiguredProxiesOnSqlite : SqliteApiFactory
{
    public ConfiguredProxiesOnSqlite() => SecurityFactorySettings.ConfiguredProxies(Set);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PeerAddressStartupFilter.AddTo(builder);
    }
}

/// <summary>Forwarded headers on, no proxy configured: loopback only.</summary>
public sealed class DefaultProxiesOnPostgres : PostgresApiFactory
{
    public DefaultProxiesOnPostgres() => Set("Cms:ForwardedHeaders:Enabled", "true");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PeerAddressStartupFilter.AddTo(builder);
    }
}

public sealed class DefaultProxiesOnSqlite : SqliteApiFactory
{
    public DefaultProxiesOnSqlite() => Set("Cms:ForwardedHeaders:Enabled", "true");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        PeerAddressStartupFilter.AddTo(builder);
    }
}

/// <summary>Rate limiting on, with a small failed-key allowance and request timeouts of one second.</summary>
public sealed class ThrottledOnPostgres : PostgresApiFactory
{
    public ThrottledOnPostgres() => SecurityFactorySettings.Throttled(Set);
}

public sealed class ThrottledOnSqlite : SqliteApiFactory
{
    public ThrottledOnSqlite() => SecurityFactorySettings.Throttled(Set);
}

internal static class SecurityFactorySettings
{
    public const int FailedKeysAllowed = 5;

    public static void ConfiguredProxies(Action<string, string?> set)
    {
        set("Cms:ForwardedHeaders:Enabled", "true");
        set("Cms:ForwardedHeaders:KnownProxies:0", "10.1.2.3");
        set("Cms:ForwardedHeaders:KnownNetworks:0", "10.9.0.0/16");
        set("AllowedHosts", "localhost;news.example.org");
    }

    public static void Throttled(Action<string, string?> set)
    {
        set("Cms:RateLimit:Enabled", "true");
        set("Cms:RateLimit:PermitsPerAddressPerMinute", "100000");
        set("Cms:RateLimit:PermitsPerKeyPerMinute", "100000");
        set("Cms:RateLimit:FailedAuthPerAddressPerMinute", FailedKeysAllowed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        set("Cms:RequestTimeoutSeconds", "1");
    }
}
