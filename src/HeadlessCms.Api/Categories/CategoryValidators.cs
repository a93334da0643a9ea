using FluentValidation;
using HeadlessCms.Api.Articles;
using HeadlessCms.Api.Infrastructure;

namespace HeadlessCms.Api.Categories;

public sealed class CategoryRequestValidator : AbstractValidator<CategoryRequest>
{
    private const string NameRule = "Name is required and must be 1 to 100 characters.";
    private static readonly string SlugRule = $"Slug must be lower-case letters and digits separated by single hyphens, at most {Slugs.MaxLength} characters.";

    public CategoryRequestValidator()
    {
        RuleFor(r => r.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(NameRule).Length(1, 100).WithMessage(NameRule)
            .Must(TextRules.IsSingleLine).WithMessage("Name must not contain control characters (such as NUL or line breaks).");
        RuleFor(r => r.Slug).Cascade(CascadeMode.Stop).MaximumLength(Slugs.MaxLength).WithMessage(SlugRule).Matches(Slugs.Pattern()).WithMessage(SlugRule);
        RuleFor(r => r.Description).MaximumLength(500).WithMessage("Description must be at most 500 characters.")
            .Must(TextRules.IsProse).WithMessage("Description must not contain control characters other than line breaks and tabs.");
        RuleFor(r => r.ParentId).GreaterThan(0).WithMessage("parentId must be the id of an existing category.");
    }
}
