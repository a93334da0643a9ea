using FluentValidation;
using HeadlessCms.Api.Infrastructure;

namespace HeadlessCms.Api.Summaries;

public sealed class SummaryRequestValidator : AbstractValidator<SummaryRequest>
{
    private const string TextRule = "Text is required and must be 1 to 1,000 characters.";

    public SummaryRequestValidator()
    {
        RuleFor(r => r.Text).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(TextRule).Length(1, 1000).WithMessage(TextRule)
            .Must(TextRules.IsProse).WithMessage("Text must not contain control characters other than line breaks and tabs.");
    }
}
