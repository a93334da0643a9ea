using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Data;
using HeadlessCms.Data.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.ApiKeys;

public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string EditorPolicy = "Editor";
    public const string AdminPolicy = "Admin";

    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(EditorPolicy, p => p.RequireRole(ApiKeyRoles.Editor, ApiKeyRoles.Admin))
            .AddPolicy(AdminPolicy, p => p.RequireRole(ApiKeyRoles.Admin))
            // An endpoint that forgets to say who may call it is closed, not open: delivery opts out explicitly.
            // (A request that matched no endpoint is left to answer 404.)
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAssertion(context =>
                (context.Resource is HttpContext http && http.GetEndpoint() is null)
                || context.User.IsInRole(ApiKeyRoles.Editor) || context.User.IsInRole(ApiKeyRoles.Admin)).Build());
        return services;
    }

    public static string NewKey() => "hcms_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Keys shorter than this are refused as the bootstrap key: it is the one key a person picks by hand.</summary>
    public const int MinimumBootstrapKeyLength = 32;

    /// <summary>How much of a key is kept and listed in clear, to tell keys apart: never enough to matter.</summary>
    public const int PrefixLength = 6;

    public static string PrefixOf(string key) => key[..Math.Min(PrefixLength, key.Length / 4)];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CmsDbContext db,
    FailedAuthThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const int MaxKeyLength = 200;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (key.Length > MaxKeyLength)
        {
            throttle.RecordFailure(Context);
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var hash = ApiKeyAuthentication.Hash(key);
        var stored = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name, k.Role, k.KeyHash })
            .FirstOrDefaultAsync(Context.RequestAborted);

        // The lookup is by hash, but compare in constant time all the same so no timing reveals how much matched.
        if (stored is null || !CryptographicOperations.FixedTimeEquals(stored.KeyHash, hash))
        {
            throttle.RecordFailure(Context);
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, stored.Name),
                new Claim(ClaimTypes.Role, stored.Role),
            ],
            ApiKeyAuthentication.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyAuthentication.Scheme));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var detail = ReadKey(Request) is null
            ? $"This operation requires an API key in the {ApiKeyAuthentication.HeaderName} header (or Authorization: Bearer)."
            : "The API key is unknown or has been revoked.";
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyAuthentication.HeaderName}\"";
        await ErrorHandling.WriteProblemAsync(Context, null, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await ErrorHandling.WriteProblemAsync(Context, null, StatusCodes.Status403Forbidden, "Forbidden",
            "Your API key's role may not perform this operation; it needs an admin key.");

    internal static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(ApiKeyAuthentication.HeaderName, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7
            ? authorization[7..].Trim()
            : null;
    }
}
