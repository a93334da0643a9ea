using FluentValidation;

namespace HeadlessCms.Api.Summaries;

public sealed class SummaryRequestValidator : AbstractValidator<SummaryRequest>
{
    public SummaryRequestValidator()
    {
        RuleFor(r => r.Text).Must(t => t is not null && t.Trim().Length is >= 1 and <= 1000)
            .WithMessage("Text is required and must be 1 to 1,000 characters.");
    }
}
