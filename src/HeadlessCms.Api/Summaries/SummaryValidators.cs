using FluentValidation;
using HeadlessCms.Api.Infrastructure;

namespace HeadlessCms.Api.Summaries;

public sealed class SummaryRequestValidator : AbstractValidator<SummaryRequest>
{
    public SummaryRequestValidator()
    {
        RuleFor(r => r.Text).Must(t => t is not null && t.Trim().Length is >= 1 and <= 1000)
            .WithMessage("Text is required and must be 1 to 1,000 characters.")
            .Must(TextRules.IsProse).WithMessage("Text must not contain control characters other than line breaks and tabs.");
    }
}
