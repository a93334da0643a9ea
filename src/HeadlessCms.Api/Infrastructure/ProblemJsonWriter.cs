using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// The built-in problem writer declines when the client's Accept header leaves out JSON (Accept: text/html), and the
/// error then goes out as plain text. This API speaks only JSON, so the problem is written as problem+json anyway
/// (RFC 9110 lets a server disregard Accept rather than answer 406). Registered after the built-in writer, so it only
/// acts where that one declined.
/// </summary>
internal sealed class AnyAcceptProblemWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        // The runtime type: a validation problem keeps its errors.
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), jsonOptions.Value.SerializerOptions, "application/problem+json", http.RequestAborted));
    }
}
