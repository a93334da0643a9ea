using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using FluentValidation;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Data.ApiKeys;

namespace HeadlessCms.Api.ApiKeys;

/// <param name="Name">What the key is for, 1-100 characters.</param>
/// <param name="Role">editor (everything but keys) or admin.</param>
public sealed record ApiKeyRequest(string Name, [property: AllowedValues("author", "editor", "admin")] string Role);

/// <summary>A key as listed: never the key itself, only its first characters.</summary>
public sealed record ApiKeyResponse(int Id, string Name, [property: AllowedValues("author", "editor", "admin")] string Role, string Prefix, DateTime CreatedAt, DateTime? RevokedAt, SelfLink Links)
{
    /// <param name="itemUrlPrefix">+ id is the key's URL.</param>
    public static Expression<Func<ApiKey, ApiKeyResponse>> Projection(string itemUrlPrefix) =>
        k => new ApiKeyResponse(k.Id, k.Name, k.Role,
            // Rows made before prefixes were cut to 6 characters keep 12: list only the first 6 of them too.
            k.Prefix.Length > ApiKeyAuthentication.PrefixLength ? k.Prefix.Substring(0, ApiKeyAuthentication.PrefixLength) : k.Prefix,
            k.CreatedAt, k.RevokedAt, new SelfLink(itemUrlPrefix + k.Id));
}

/// <summary>Returned once, at creation: <c>key</c> is shown now and never again.</summary>
public sealed record CreatedApiKey(int Id, string Name, [property: AllowedValues("author", "editor", "admin")] string Role, string Prefix, DateTime CreatedAt, string Key, SelfLink Links);

public sealed class ApiKeyRequestValidator : AbstractValidator<ApiKeyRequest>
{
    private const string NameRule = "Name is required and must be 1 to 100 characters.";

    public ApiKeyRequestValidator()
    {
        RuleFor(r => r.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(NameRule).Length(1, 100).WithMessage(NameRule);
        RuleFor(r => r.Role).Must(r => ApiKeyRoles.All.Contains(r)).WithMessage("Role must be 'author', 'editor' or 'admin'.");
    }
}
