using System.Reflection;
using System.Security.Cryptography;
using HeadlessCms.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// The one way the "Cms" section is read: bound to <see cref="CmsOptions"/> and checked when the app starts, so a
/// bad value stops start-up with a message instead of surfacing on some later request.
/// </summary>
public static class CmsOptionsSetup
{
    public static IServiceCollection AddCmsOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CmsOptions>().Bind(configuration.GetSection(CmsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<CmsOptions>, QuickstartCursorKey>();
        services.AddSingleton<IValidateOptions<CmsOptions>, CmsOptionsValidator>();
        return services;
    }

    /// <summary>
    /// True when a tool (the OpenAPI generators, dotnet-ef) runs the app's start-up only to read it: nothing may be
    /// written or required then.
    /// </summary>
    public static bool IsToolRun =>
        EF.IsDesignTime || Assembly.GetEntryAssembly()?.GetName().Name is "dotnet-swagger" or "GetDocument.Insider";
}

/// <summary>
/// The SQLite quickstart (no connection string: the database file in the app's data folder) needs no set-up, so
/// instead of the public built-in key it gets a random one, made once and kept next to the database file.
/// </summary>
internal sealed class QuickstartCursorKey(IHostEnvironment environment, IConfiguration configuration, IOptions<DatabaseOptions> database)
    : IPostConfigureOptions<CmsOptions>
{
    public void PostConfigure(string? name, CmsOptions options)
    {
        if (options.CursorSigningKey != CmsOptions.BuiltInCursorSigningKey || environment.IsDevelopment() || CmsOptionsSetup.IsToolRun
            || database.Value.Provider != DatabaseProvider.Sqlite || !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Cms")))
        {
            return;
        }

        var file = Path.Combine(DatabaseSetup.QuickstartFolder(environment), "cursor-signing.key");
        if (!File.Exists(file))
        {
            try
            {
                // CreateNew: of two processes starting at once, one writes and both then read the same key.
                using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
                stream.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32))));
            }
            catch (IOException) when (File.Exists(file))
            {
            }
        }

        options.CursorSigningKey = File.ReadAllText(file).Trim();
    }
}

internal sealed class CmsOptionsValidator(IHostEnvironment environment) : IValidateOptions<CmsOptions>
{
    public ValidateOptionsResult Validate(string? name, CmsOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CursorSigningKey))
        {
            failures.Add("Cms:CursorSigningKey (Cms__CursorSigningKey) is empty: set it to a long random secret.");
        }
        else if (options.CursorSigningKey == CmsOptions.BuiltInCursorSigningKey && !environment.IsDevelopment() && !CmsOptionsSetup.IsToolRun)
        {
            failures.Add($"Cms:CursorSigningKey (Cms__CursorSigningKey) is not set, and the built-in key is for Development only: it is public, so "
                + $"anyone could forge paging cursors. Set it to a long random secret, the same on every instance (environment: {environment.EnvironmentName}).");
        }

        var caching = options.Caching;
        Positive(failures, "Cms:Caching:MaxAgeSeconds", caching.MaxAgeSeconds, allowZero: true);
        Positive(failures, "Cms:Caching:StaleWhileRevalidateSeconds", caching.StaleWhileRevalidateSeconds, allowZero: true);
        Positive(failures, "Cms:Caching:OutputCacheSeconds", caching.OutputCacheSeconds, allowZero: true);
        Positive(failures, "Cms:RateLimit:PermitsPerKeyPerMinute", options.RateLimit.PermitsPerKeyPerMinute, allowZero: false);
        Positive(failures, "Cms:RateLimit:PermitsPerAddressPerMinute", options.RateLimit.PermitsPerAddressPerMinute, allowZero: false);
        Positive(failures, "Cms:Summaries:MaxSentences", options.Summaries.MaxSentences, allowZero: false);
        Positive(failures, "Cms:Summaries:MaxWords", options.Summaries.MaxWords, allowZero: false);
        if (options.Revisions.MaxPerArticle is { } max)
        {
            Positive(failures, "Cms:Revisions:MaxPerArticle", max, allowZero: false);
        }

        Positive(failures, "Cms:Preview:DefaultMinutes", options.Preview.DefaultMinutes, allowZero: false);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, int value, bool allowZero)
    {
        if (value < 0 || (value == 0 && !allowZero))
        {
            failures.Add($"{key} must be {(allowZero ? "zero or more" : "more than zero")}; it is {value}.");
        }
    }
}
