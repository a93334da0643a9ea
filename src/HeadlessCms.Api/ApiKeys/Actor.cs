using System.Globalization;
using System.Security.Claims;

namespace HeadlessCms.Api.ApiKeys;

/// <summary>The API key behind a request, as articles, revisions and the audit trail record it: `{ keyId, name }`.</summary>
public sealed record Actor(int KeyId, string Name)
{
    /// <summary>The authenticated key of the request, or null (no request: the seeder; no key: delivery).</summary>
    public static Actor? Of(HttpContext? http) => Of(http?.User);

    public static Actor? Of(ClaimsPrincipal? user) =>
        user?.FindFirstValue(ClaimTypes.NameIdentifier) is { } keyId && int.TryParse(keyId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new Actor(id, user.FindFirstValue(ClaimTypes.Name) ?? "")
            : null;

    public static Actor? Of(int? keyId, string? name) => keyId is { } id ? new Actor(id, name ?? "") : null;
}
