namespace HeadlessCms.Api.ApiKeys;

/// <summary>
/// The bootstrap admin key is chosen by a person and lives in configuration, so it is the key most likely to be short
/// or guessable: the app refuses to start with one under 32 characters rather than run with a weak admin key.
/// </summary>
public static class BootstrapAdminKeyRules
{
    public static string? Problem(string? key) =>
        string.IsNullOrWhiteSpace(key) || key.Trim().Length >= ApiKeyAuthentication.MinimumBootstrapKeyLength
            ? null
            : $"Cms:BootstrapAdminKey (Cms__BootstrapAdminKey) must be at least {ApiKeyAuthentication.MinimumBootstrapKeyLength} characters; " +
              $"it has {key.Trim().Length}. Use a random value, for example: openssl rand -base64 32";
}
