using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Data.ApiKeys;
using HeadlessCms.Data.Articles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeadlessCms.Api.Articles;

/// <summary>
/// The author role's rule for one article, in one place: an author changes only the drafts it created (editors and
/// admins change anything). The route-level policies already keep authors away from publishing and categories.
/// </summary>
public static class ArticleAccess
{
    public static bool IsAuthor(HttpContext http) => http.User.IsInRole(ApiKeyRoles.Author);

    /// <summary>A 403 problem saying why, or null when the caller may change the article.</summary>
    public static ProblemHttpResult? RefuseChange(HttpContext http, Article article)
    {
        if (!IsAuthor(http))
        {
            return null;
        }

        if (Actor.Of(http) is not { } actor || article.CreatedByKeyId != actor.KeyId)
        {
            return Forbidden($"An author key may change only the articles it created; article {article.Id} was created by someone else.");
        }

        return article.Status == ArticleStatus.Draft
            ? null
            : Forbidden($"An author key may change only drafts; article {article.Id} is no longer a draft. Ask an editor.");
    }

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}
