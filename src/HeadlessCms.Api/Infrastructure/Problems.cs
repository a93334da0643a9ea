using Microsoft.AspNetCore.Http.HttpResults;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>The expected failures handlers return (never throw), as RFC 9457 problem details.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult PreconditionFailed() => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "Precondition failed",
        detail: "If-Match does not match the current ETag: the resource changed since you read it. Fetch it again and retry.");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: "One or more fields are invalid; see errors.");

    /// <summary>The errors each check of one request returned, in one problem; where two name a field, the later wins.</summary>
    public static ValidationProblem Invalid(params IReadOnlyDictionary<string, string[]>[] errors)
    {
        var all = new Dictionary<string, string[]>();
        foreach (var (field, messages) in errors.SelectMany(e => e))
        {
            all[field] = messages;
        }

        return TypedResults.ValidationProblem(all, detail: "One or more parameters are invalid; see errors.");
    }
}
