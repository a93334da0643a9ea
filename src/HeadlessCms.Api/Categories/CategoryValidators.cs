using FluentValidation;
using HeadlessCms.Api.Articles;
using HeadlessCms.Api.Infrastructure;

namespace HeadlessCms.Api.Categories;

public sealed class CategoryRequestValidator : AbstractValidator<CategoryRequest>
{
    public CategoryRequestValidator()
    {
        RuleFor(r => r.Name).Must(n => n is not null && n.Trim().Length is >= 1 and <= 100)
            .WithMessage("Name is required and must be 1 to 100 characters (after trimming).")
            .Must(TextRules.IsSingleLine).WithMessage("Name must not contain control characters (such as NUL or line breaks).");
        RuleFor(r => r.Slug).Must(s => s is null || Slugs.IsValid(s))
            .WithMessage($"Slug must be lower-case letters and digits separated by single hyphens, at most {Slugs.MaxLength} characters.");
        RuleFor(r => r.Description).MaximumLength(500).WithMessage("Description must be at most 500 characters.")
            .Must(TextRules.IsProse).WithMessage("Description must not contain control characters other than line breaks and tabs.");
        RuleFor(r => r.ParentId).GreaterThan(0).When(r => r.ParentId is not null).WithMessage("parentId must be the id of an existing category.");
    }
}
