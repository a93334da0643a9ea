using System.Net;
using System.Net.Sockets;

namespace HeadlessCms.Api.Webhooks;

/// <summary>Server-side request forgery guard: which destinations a webhook may reach.</summary>
public static class AddressGuard
{
    /// <summary>A globally routable unicast address (not loopback, private, link-local, shared, documentation, multicast...).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)      // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                    // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2))
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))     // benchmarking
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal
                || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
            {
                return false;
            }

            var b = address.GetAddressBytes();
            var nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b;  // 64:ff9b::/96 embeds an IPv4 address
            if (nat64 || (b[0] == 0x20 && b[1] == 0x02))                          // 6to4 embeds one at bytes 2-5
            {
                var embedded = nat64 ? new IPAddress(b[12..16]) : new IPAddress(b[2..6]);
                return IsPublic(embedded);
            }

            // Documentation 2001:db8::/32, and anything outside global unicast 2000::/3.
            return (b[0] & 0xE0) == 0x20 && !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8);
        }

        return false;
    }

    /// <summary>Null when the URL may be registered; else why not (for a 400 on "url").</summary>
    public static async Task<string?> CheckUrlAsync(Uri url, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        if (allowPrivateNetworks)
        {
            return url.Scheme is "http" or "https" ? null : "The URL must use http or https.";
        }

        if (url.Scheme != "https")
        {
            return "The URL must use https (Cms:Webhooks:AllowPrivateNetworks=true allows http, for local development).";
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(url.IdnHost, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken);
            }
            catch (SocketException)
            {
                return $"The host '{url.Host}' cannot be resolved.";
            }
        }

        return addresses.Length == 0 || addresses.Any(a => !IsPublic(a))
            ? $"The host '{url.Host}' is or resolves to a loopback, private, link-local or otherwise non-public address; webhooks may only call public addresses."
            : null;
    }
}
