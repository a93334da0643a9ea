using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Data;
using HeadlessCms.Data.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.ApiKeys;

/// <summary>Makes sure the admin key named by Cms__BootstrapAdminKey exists, so a new install can be driven at once.</summary>
public sealed class BootstrapAdminKey(CmsDbContext db, TimeProvider time, IOptions<CmsOptions> options, ILogger<BootstrapAdminKey> logger)
    : IStartupTask
{
    public Task RunAsync(CancellationToken cancellationToken) => EnsureAsync(options.Value.BootstrapAdminKey, cancellationToken);

    public async Task EnsureAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return;
        }

        if (BootstrapAdminKeyRules.Problem(key) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var hash = ApiKeyAuthentication.Hash(key.Trim());
        var existing = await db.ApiKeys.AsTracking().FirstOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        if (existing is { Role: ApiKeyRoles.Admin, RevokedAt: null })
        {
            return;
        }

        if (existing is null)
        {
            db.ApiKeys.Add(new ApiKey { Name = "Bootstrap admin", Role = ApiKeyRoles.Admin, KeyHash = hash, Prefix = ApiKeyAuthentication.PrefixOf(key.Trim()), CreatedAt = time.UtcNow() });
        }
        else
        {
            existing.Role = ApiKeyRoles.Admin;
            existing.RevokedAt = null;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Bootstrap admin key ensured.");
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another instance starting at the same moment created it first.
        }
    }
}
