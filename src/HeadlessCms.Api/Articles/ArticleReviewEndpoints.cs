using FluentValidation;
using HeadlessCms.Api.Events;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HeadlessCms.Api.Articles;

/// <param name="Note">Optional note for the editor, at most 1,000 characters.</param>
public sealed record SubmitRequest(string? Note);

public sealed class SubmitRequestValidator : AbstractValidator<SubmitRequest>
{
    public SubmitRequestValidator() => RuleFor(r => r.Note).MaximumLength(1000).WithMessage("The note must be at most 1,000 characters.");
}

/// <summary>The review step between an author's draft and an editor's publishing.</summary>
public static class ArticleReviewEndpoints
{
    public static async Task<Results<Ok<ManagedArticle>, ValidationProblem, ProblemHttpResult>> Submit(
        int id, [FromBody] SubmitRequest? request, CmsDbContext db, TimeProvider time, LinkGenerator links, HttpContext http, CancellationToken cancellationToken)
    {
        var article = await ArticleLookup.LoadAsync(db, id, tracking: true, cancellationToken);
        if (article is null)
        {
            return ArticleLookup.NotFound(id);
        }

        if (ArticleAccess.RefuseChange(http, article) is { } refused)
        {
            return refused;
        }

        if (!ETags.PreconditionHolds(http, db, article, article.Version))
        {
            return Problems.PreconditionFailed();
        }

        if (!article.Submit(request?.Note))
        {
            return Problems.Conflict($"Only a draft can be submitted for review; article {id} is not a draft.");
        }

        var now = time.UtcNow();
        article.Touch(now);
        ContentEvents.Article(http, ContentEventTypes.ArticleSubmitted, article, now, wasVisible: false);
        await db.SaveChangesAsync(cancellationToken);
        return ManageArticleEndpoints.Respond(http, links, article, now);
    }
}
