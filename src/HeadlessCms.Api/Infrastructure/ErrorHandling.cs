using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace HeadlessCms.Api.Infrastructure;

public static class ErrorHandling
{
    public static IServiceCollection AddCmsProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, AnyAcceptProblemWriter>());
        services.AddExceptionHandler<ClientErrorExceptionHandler>();
        services.AddExceptionHandler<DatabaseExceptionHandler>();
        return services;
    }

    /// <summary>A 400 in the declared shape (errors keyed by field), for refusals outside the validation filter.</summary>
    internal static ValueTask<bool> WriteValidationProblemAsync(HttpContext http, Exception? exception, string field, string detail)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more validation errors occurred.",
                Detail = detail,
            },
        });
    }

    internal static ValueTask<bool> WriteProblemAsync(HttpContext http, Exception? exception, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}

/// <summary>Requests the framework could not read (bad JSON, wrong types, too large, wrong content type).</summary>
internal sealed partial class ClientErrorExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var status = bad.StatusCode;
        if (status == StatusCodes.Status400BadRequest && bad.InnerException is JsonException { Path: { } path } json && FieldOf(path) is { } field)
        {
            // A value of the wrong type is a field error like any other: key it by the field the client sent.
            httpContext.Response.StatusCode = status;
            return await httpContext.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [Describe(bad)] })
                {
                    Status = status,
                    Title = "One or more validation errors occurred.",
                    Detail = $"The request body could not be read: '{field}' has a value of the wrong type or form.",
                },
            });
        }

        if (status == StatusCodes.Status400BadRequest && QueryValueOfWrongType(bad) is var (name, value))
        {
            // A query or route value of the wrong type: keyed by the parameter's name as the client wrote it.
            return await ErrorHandling.WriteValidationProblemAsync(httpContext, exception, name,
                $"'{ClientMessages.WithoutTypeNames(value)}' is not a valid value for '{name}'.");
        }

        var (title, detail) = status switch
        {
            StatusCodes.Status413PayloadTooLarge => ("Request body too large", "The request body exceeds the limit of 1 MB."),
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported media type", "Send the body as application/json."),
            _ => ("Bad request", Describe(bad)),
        };
        if (status == StatusCodes.Status400BadRequest)
        {
            // Every 400 is the declared validation problem: a body that cannot be read at all is an error of "body".
            return await ErrorHandling.WriteValidationProblemAsync(httpContext, exception, "body", detail);
        }

        return await ErrorHandling.WriteProblemAsync(httpContext, exception, status, title, detail);
    }

    /// <summary>The framework's "Failed to bind parameter "Nullable&lt;int&gt; ArticleId" from "abc"." → ("articleId", "abc").</summary>
    private static (string Name, string Value)? QueryValueOfWrongType(BadHttpRequestException bad)
    {
        var match = BindFailure().Match(bad.Message);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value;
        var value = match.Groups["value"].Value;
        return (char.ToLowerInvariant(name[0]) + name[1..], value.Length > 100 ? value[..100] + "…" : value);
    }

    [System.Text.RegularExpressions.GeneratedRegex("""^Failed to bind parameter "[^"]* (?<name>[A-Za-z_][A-Za-z0-9_]*)" from "(?<value>.*)"\.$""", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex BindFailure();

    /// <summary>"$.categoryId" → "categoryId"; "$.tags[2]" → "tags"; the root or an odd path → null.</summary>
    private static string? FieldOf(string path)
    {
        if (!path.StartsWith("$.", StringComparison.Ordinal) || path.Length > 102)
        {
            return null;
        }

        var name = path[2..];
        var end = name.IndexOfAny(['.', '[']);
        name = end >= 0 ? name[..end] : name;
        return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? name : null;
    }

    private static string Describe(BadHttpRequestException bad) => ClientMessages.WithoutTypeNames(DescribeInTermsOfDotNet(bad));

    private static string DescribeInTermsOfDotNet(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException json => $"The request body is not valid JSON for this operation: {json.Message.Split(" Path:")[0]} (at {json.Path ?? "$"}).",
        ArgumentException or FormatException or System.Text.DecoderFallbackException => "The request body could not be read: " + bad.InnerException.Message,
        _ when bad.Message.Contains("Implicit body inferred", StringComparison.Ordinal) || bad.Message.Contains("required", StringComparison.OrdinalIgnoreCase)
            => "A JSON request body is required.",
        _ => bad.Message,
    };
}

/// <summary>Database outcomes a client can cause (conflicts) or must wait out (the database is unreachable).</summary>
internal sealed class DatabaseExceptionHandler(ILogger<DatabaseExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is DbUpdateConcurrencyException)
        {
            return await ErrorHandling.WriteProblemAsync(httpContext, exception, StatusCodes.Status412PreconditionFailed,
                "Precondition failed", "The resource was changed by someone else; fetch it again and retry with its new ETag.");
        }

        if (DatabaseErrors.IsUniqueViolation(exception))
        {
            return await ErrorHandling.WriteProblemAsync(httpContext, exception, StatusCodes.Status409Conflict,
                "Conflict", "A resource with the same unique value (such as the slug) already exists.");
        }

        if (DatabaseErrors.IsForeignKeyViolation(exception))
        {
            // A row this write refers to was deleted by someone else meanwhile (or one refers to this row now).
            return await ErrorHandling.WriteProblemAsync(httpContext, exception, StatusCodes.Status409Conflict,
                "Conflict", "A related resource was changed or removed at the same time; fetch it again and retry.");
        }

        if (DatabaseErrors.IsInvalidData(exception))
        {
            return await ErrorHandling.WriteValidationProblemAsync(httpContext, exception, "body",
                "A value in the request cannot be stored or compared (for example, it contains a NUL character).");
        }

        if (DatabaseErrors.IsUnavailable(exception))
        {
            logger.LogWarning("Database unavailable: {Message}", exception.Message);
            httpContext.Response.Headers.RetryAfter = "5";
            return await ErrorHandling.WriteProblemAsync(httpContext, exception, StatusCodes.Status503ServiceUnavailable,
                "Service unavailable", "The database cannot be reached right now; retry shortly.");
        }

        return false;
    }
}

public static class DatabaseErrors
{
    public static bool IsUniqueViolation(Exception exception) => Find<PostgresException>(exception) is { SqlState: PostgresErrorCodes.UniqueViolation }
        || Find<SqliteException>(exception) is { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    public static bool IsForeignKeyViolation(Exception exception) => Find<PostgresException>(exception) is { SqlState: PostgresErrorCodes.ForeignKeyViolation }
        || Find<SqliteException>(exception) is { SqliteErrorCode: 19, SqliteExtendedErrorCode: 787 };

    /// <summary>PostgreSQL class 22, "data exception": a value the client sent that the database refuses (NUL characters, out-of-range values).</summary>
    public static bool IsInvalidData(Exception exception) => Find<PostgresException>(exception) is { SqlState: [ '2', '2', .. ] };

    /// <summary>The connection broke (not a timeout, not an error the server reported): safe to retry a read on a new one.</summary>
    public static bool IsDroppedConnection(Exception exception) =>
        (Find<NpgsqlException>(exception) is { IsTransient: true } npgsql && npgsql is not PostgresException && Find<TimeoutException>(exception) is null)
        || Find<PostgresException>(exception) is { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow };

    public static bool IsUnavailable(Exception exception) =>
        Find<NpgsqlException>(exception) is { } npgsql && npgsql is not PostgresException { IsTransient: false }
        || Find<TimeoutException>(exception) is not null
        || Find<System.Net.Sockets.SocketException>(exception) is not null
        || Find<SqliteException>(exception) is { SqliteErrorCode: 5 or 6 }
        || exception is InvalidOperationException { InnerException: NpgsqlException };

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T match)
            {
                return match;
            }
        }

        return null;
    }
}
