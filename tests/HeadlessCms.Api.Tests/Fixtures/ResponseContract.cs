using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HeadlessCms.Api.Tests.Contract;
using Json.Schema;

namespace HeadlessCms.Api.Tests.Fixtures;

/// <summary>
/// Every response a fixture's client receives is checked against the committed openapi/v1.json: the status must be
/// declared for the operation, the body must match the schema of that status and content type (response schemas
/// allow no undeclared field), and every required header must be there. A mismatch fails the request, and so the test.
/// Requests outside the document (Swagger UI, health, the demo site, an unknown path) are not checked.
/// </summary>
public sealed class ResponseContractHandler : DelegatingHandler
{
    /// <summary>For a chain whose inner handler is set later (WebApplicationFactory.CreateDefaultClient).</summary>
    public ResponseContractHandler()
    {
    }

    public ResponseContractHandler(HttpMessageHandler inner) : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await ResponseContract.Instance.AssertAsync(request, response, cancellationToken);
        return response;
    }
}

public sealed class ResponseContract
{
    private static readonly Lazy<ResponseContract> Loaded = new(() => new ResponseContract(
        JsonNode.Parse(File.ReadAllText(Path.Combine(OpenApiDocumentTests.RepositoryRoot(), "openapi", "v1.json")))!.AsObject()));

    private static int schemaCount;

    private readonly JsonObject document;
    private readonly List<(Regex Pattern, string Template)> paths;
    private readonly ConcurrentDictionary<string, JsonSchema> schemas = new();

    private ResponseContract(JsonObject document)
    {
        this.document = document;
        // Literal segments first, so /articles/{slug}/summary never loses to a shorter template.
        paths = [.. document["paths"]!.AsObject().Select(p => p.Key)
            .OrderBy(t => t.Count(c => c == '{'))
            .Select(t => (new Regex("^" + Regex.Replace(Regex.Escape(t), @"\\\{[^/]+?}", "[^/]+") + "$", RegexOptions.CultureInvariant), t))];
    }

    public static ResponseContract Instance => Loaded.Value;

    public async Task AssertAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var method = request.Method.Method.ToLowerInvariant();
        var template = paths.FirstOrDefault(p => p.Pattern.IsMatch(path)).Template;
        if (template is null || method is "options" || document["paths"]![template]![method == "head" ? "get" : method] is not JsonObject operation)
        {
            return;
        }

        var where = $"{request.Method} {path} answered {(int)response.StatusCode}";
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var responses = operation["responses"]!.AsObject();
        var declared = responses[status] ?? responses[status[0] + "XX"] ?? responses["default"]
            ?? throw new ResponseContractException($"{where}, a status the document does not declare for {operation["operationId"]} (declared: {string.Join(", ", responses.Select(r => r.Key))}).");

        foreach (var (name, header) in declared["headers"]?.AsObject() ?? [])
        {
            var present = response.Headers.NonValidated.Contains(name) || response.Content.Headers.NonValidated.Contains(name);
            if (header?["required"]?.GetValue<bool>() == true && !present)
            {
                throw new ResponseContractException($"{where} without the {name} header the document requires.");
            }
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var content = declared["content"]?.AsObject();
        if (body.Length == 0 || method == "head")
        {
            if (content is { Count: > 0 } && method != "head")
            {
                throw new ResponseContractException($"{where} with no body, but the document declares {string.Join(", ", content.Select(c => c.Key))}.");
            }

            return;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "(none)";
        if (status == "400" && mediaType == "text/html" && request.Headers.Host is not null)
        {
            // A Host outside AllowedHosts is refused by ASP.NET Core's host filtering before the app sees the request:
            // it was never addressed to this API, so its answer is not the document's to describe.
            return;
        }

        if (content?[mediaType] is not JsonObject media)
        {
            throw new ResponseContractException($"{where} with a {mediaType} body, which the document does not declare (declared: {string.Join(", ", content?.Select(c => c.Key) ?? [])}).");
        }

        if (media["schema"] is not JsonNode schemaNode || !mediaType.Contains("json", StringComparison.Ordinal))
        {
            return;
        }

        var schema = schemas.GetOrAdd($"{template} {method} {status} {mediaType}", _ => Build(schemaNode));
        using var instance = JsonDocument.Parse(body);
        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(10);
            throw new ResponseContractException($"{where}; its body does not match the declared schema:\n  {string.Join("\n  ", errors)}\nBody: {Truncate(body)}");
        }
    }

    /// <summary>The response schema with the document's components beside it, its references pointing there.</summary>
    private JsonSchema Build(JsonNode responseSchema)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = document["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(responseSchema.DeepClone()),
        };
        var text = root.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(text);
        var uri = new Uri($"https://contract.headlesscms.test/schema/{Interlocked.Increment(ref schemaCount)}");
        return JsonSchema.Build(parsed.RootElement.Clone(), null, uri);
    }

    private static string Truncate(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        return text.Length > 600 ? text[..600] + "…" : text;
    }
}

public sealed class ResponseContractException(string message) : Exception(message);
