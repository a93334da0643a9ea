using FluentValidation;
using HeadlessCms.Api.Infrastructure;

namespace HeadlessCms.Api.Articles;

public sealed class ArticleRequestValidator : AbstractValidator<ArticleRequest>
{
    private const string TitleRule = "Title is required and must be 1 to 200 characters.";
    private static readonly string SlugRule =
        $"Slug must be lower-case letters and digits separated by single hyphens (^[a-z0-9]+(-[a-z0-9]+)*$), at most {Slugs.MaxLength} characters.";

    public ArticleRequestValidator()
    {
        // Built-in rules (NotEmpty, Length, Matches, GreaterThan) rather than Must: the OpenAPI schema reads its
        // minLength/maxLength/pattern/minimum from them (ValidationRulesSchemaFilter), so the two cannot drift.
        RuleFor(r => r.Title).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(TitleRule).Length(1, 200).WithMessage(TitleRule)
            .Must(TextRules.IsSingleLine).WithMessage("Title must not contain control characters (such as NUL or line breaks).");
        RuleFor(r => r.Slug).Cascade(CascadeMode.Stop).MaximumLength(Slugs.MaxLength).WithMessage(SlugRule).Matches(Slugs.Pattern()).WithMessage(SlugRule);
        RuleFor(r => r.Body).NotEmpty().WithMessage("Body is required.")
            .MaximumLength(200_000).WithMessage("Body must be at most 200,000 characters.");
        RuleFor(r => r.CategoryId).GreaterThan(0).WithMessage("categoryId must be the id of an existing category.");
        RuleFor(r => r.Author).MaximumLength(100).WithMessage("Author must be at most 100 characters.")
            .Must(TextRules.IsSingleLine).WithMessage("Author must not contain control characters (such as NUL or line breaks).");
        RuleFor(r => r.Summary).MaximumLength(1000).WithMessage("Summary must be at most 1,000 characters.")
            .Must(s => s is null || s.Trim().Length > 0).WithMessage("Summary must not be blank; omit it to keep a generated one.")
            .Must(TextRules.IsProse).WithMessage("Summary must not contain control characters other than line breaks and tabs.");
        RuleFor(r => r.FeaturedImageUrl).Must(BeHttpUrl!).When(r => r.FeaturedImageUrl is not null)
            .WithMessage("featuredImageUrl must be an absolute http(s) URL, or a path on this server starting with a single '/', of at most 2,048 characters.");
    }

    internal static bool BeHttpUrl(string url) =>
        url.Length <= 2048 && (IsAbsoluteHttpUrl(url) || IsServerPath(url));

    private static bool IsAbsoluteHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host);

    // Root-relative paths let content point at media served by the CMS itself (the demo's images) wherever it is hosted;
    // "//host" is protocol-relative, i.e. another host, and control characters or backslashes never belong in a path.
    private static bool IsServerPath(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
        && Uri.TryCreate(url, UriKind.Relative, out _);
}

public sealed class PublishRequestValidator : AbstractValidator<PublishRequest>
{
    public PublishRequestValidator()
    {
        RuleFor(r => r.PublishAt).Must(p => p is null || p.Value.UtcDateTime.Year is >= 1900 and <= 9998)
            .WithMessage("publishAt must be a date between the years 1900 and 9999.");
    }
}
