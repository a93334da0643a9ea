using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Reliability;

/// <summary>
/// Walks every operation of the served OpenAPI document and sends it generated bad requests (CsCheck picks the
/// operation, the kind of damage and a seed; the seed drives the details, so a failure is reproducible and shrinks).
/// Runs with the admin key so requests get past authentication to binding and validation.
/// </summary>
public abstract partial class HostileInputTests<TFactory>(TFactory factory, int requests) : IClassFixture<TFactory> where TFactory : CmsApiFactory
{
    private static readonly string[] StatusClasses = ["2xx", "3xx", "4xx", "5xx"];

    [Fact]
    public async Task GeneratedBadRequestsToEveryOperationAnswerProblemsNever5xxAndChangeNothing()
    {
        var token = TestContext.Current.CancellationToken;
        using var admin = factory.CreateAdminClient();
        var content = new Content(admin);
        var category = await content.CategoryAsync();
        var categoryId = category.GetProperty("id").GetInt32();
        var published = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            published.Add(await content.PublishedAsync(categoryId));
        }

        var draft = await content.DraftAsync(categoryId);
        var world = new World(
            [categoryId, .. published.Select(p => p.GetProperty("id").GetInt32()), draft.GetProperty("id").GetInt32()],
            [category.GetProperty("slug").GetString()!, .. published.Select(p => p.GetProperty("slug").GetString()!)],
            await CursorsAsync(admin));
        var operations = await LoadOperationsAsync(admin);
        Assert.True(operations.Count >= 20, $"the OpenAPI document lists only {operations.Count} operations");

        var before = await DataSnapshot.TakeAsync(factory);
        var tally = new ConcurrentDictionary<string, int>(StatusClasses.Select(c => KeyValuePair.Create(c, 0)));
        var failures = new ConcurrentQueue<string>();
        var gen = Gen.Select(Gen.Int[0, operations.Count - 1], Gen.Int[0, Damage.Kinds - 1], Gen.Int, Gen.Bool);
        await Check.SampleAsync(gen, async (op, kind, seed, alsoQuery) =>
        {
            var bad = Damage.Build(operations[op], kind, seed, alsoQuery, world);
            using var request = bad.ToRequest();
            using var response = await admin.SendAsync(request, token);
            var body = await response.Content.ReadAsStringAsync(token);
            var status = (int)response.StatusCode;
            tally.AddOrUpdate($"{status / 100}xx", 1, (_, n) => n + 1);
            tally.AddOrUpdate(bad.Kind, 1, (_, n) => n + 1);
            if (status < 300)
            {
                // Only reads can succeed: their hostile text was legal there (SQL as a search term, a real slug with junk headers).
                tally.AddOrUpdate("2xx to GET", 1, (_, n) => n + 1);
            }
            var problem = Verdict(bad, response, status, body);
            if (problem is not null)
            {
                failures.Enqueue(problem);
                throw new Xunit.Sdk.XunitException(problem);
            }
        }, iter: requests, threads: 4, print: t => Damage.Build(operations[t.Item1], t.Item2, t.Item3, t.Item4, world).ToString());

        Assert.Empty(failures);
        Assert.Equal(before, await DataSnapshot.TakeAsync(factory));
        var sent = tally.Where(t => t.Key.EndsWith("xx", StringComparison.Ordinal)).Sum(t => t.Value);
        Assert.True(sent >= requests, $"sent {sent} requests");
        Report.Write(GetType().Name, $"{typeof(TFactory).Name}: {sent} requests over {operations.Count} operations; " +
            string.Join(", ", tally.OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value}")));
    }

    /// <summary>Null when the answer is acceptable, else why not.</summary>
    private static string? Verdict(BadRequest bad, HttpResponseMessage response, int status, string body)
    {
        if (status >= 500)
        {
            return $"{status} for {bad}: {Shorten(body)}";
        }

        if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception:", StringComparison.Ordinal)
            || body.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) || body.Contains("SQLite Error", StringComparison.OrdinalIgnoreCase))
        {
            return $"internals leaked for {bad}: {Shorten(body)}";
        }

        if (bad.MustFail && status < 400)
        {
            return $"{status} (not a 4xx) for {bad}: {Shorten(body)}";
        }

        if (status >= 400)
        {
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                return $"{status} without problem+json ({response.Content.Headers.ContentType}) for {bad}";
            }

            try
            {
                using var json = JsonDocument.Parse(body);
                if (!json.RootElement.TryGetProperty("status", out var s) || s.GetInt32() != status || !json.RootElement.TryGetProperty("title", out _))
                {
                    return $"problem without matching status/title for {bad}: {Shorten(body)}";
                }
            }
            catch (JsonException)
            {
                return $"problem body is not JSON for {bad}: {Shorten(body)}";
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length > 400 ? text[..400] + "…" : text;

    private static async Task<List<string>> CursorsAsync(HttpClient admin)
    {
        var cursors = new List<string>();
        foreach (var url in new[] { "/api/v1/articles?pageSize=1", "/api/v1/manage/articles?pageSize=1", "/api/v1/articles?pageSize=1&sort=title" })
        {
            var page = await (await admin.GetAsync(url, TestContext.Current.CancellationToken)).AssertJsonAsync();
            foreach (var rel in new[] { "next", "last" })
            {
                if (page.GetProperty("links").GetProperty(rel).GetString() is { } link)
                {
                    var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query);
                    cursors.Add(query["cursor"].ToString());
                }
            }
        }

        Assert.NotEmpty(cursors);
        return cursors;
    }

    /// <summary>Every operation of the document the app serves now, so new endpoints are covered without editing this test.</summary>
    private static async Task<List<Operation>> LoadOperationsAsync(HttpClient client)
    {
        var document = await (await client.GetAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken)).AssertJsonAsync();
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s) ? s : default;
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var parameters = new List<Parameter>();
                if (method.Value.TryGetProperty("parameters", out var ps))
                {
                    foreach (var p in ps.EnumerateArray())
                    {
                        var type = p.TryGetProperty("schema", out var schema) && schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "string";
                        parameters.Add(new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, type));
                    }
                }

                Dictionary<string, string>? body = null;
                if (method.Value.TryGetProperty("requestBody", out var requestBody))
                {
                    body = [];
                    foreach (var media in requestBody.GetProperty("content").EnumerateObject())
                    {
                        if (media.Value.TryGetProperty("schema", out var schema) && schema.TryGetProperty("$ref", out var reference)
                            && schemas.ValueKind == JsonValueKind.Object && schemas.TryGetProperty(reference.GetString()!.Split('/')[^1], out var target)
                            && target.TryGetProperty("properties", out var properties))
                        {
                            foreach (var property in properties.EnumerateObject())
                            {
                                body[property.Name] = property.Value.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "string";
                            }
                        }
                    }
                }

                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, parameters, body));
            }
        }

        return operations;
    }
}

public sealed record Parameter(string Name, string In, string Type);

public sealed record Operation(string Method, string Path, List<Parameter> Parameters, Dictionary<string, string>? Body)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Ids and slugs that exist, and genuine cursors to tamper with.</summary>
public sealed record World(int[] Ids, string[] Slugs, List<string> Cursors);

public sealed record BadRequest(string Method, string Url, byte[]? Body, string? ContentType, bool Chunked, string Kind, bool MustFail, (string Name, string Value)[] Headers)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Body is not null)
        {
            HttpContent content = Chunked ? new UnknownLengthContent(Body) : new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            request.Content = content;
        }

        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : Body.Length > 300 ? $" body[{Body.Length} bytes]: {Encoding.UTF8.GetString(Body, 0, 300)}…" : $" body: {Encoding.UTF8.GetString(Body)}";
        var url = Url.Length > 300 ? Url[..300] + "…" : Url;
        return $"[{Kind}] {Method} {url} ({ContentType}{(Chunked ? ", chunked" : "")}){body} headers: {string.Join(", ", Headers.Select(h => h.Name + "=" + h.Value))}";
    }
}

/// <summary>The kinds of damage, and how each is done to an operation.</summary>
public static class Damage
{
    public const int Kinds = 12;
    private const int OneMegabyte = 1_048_576;

    private static readonly string[] Sql = ["' OR '1'='1", "1; DROP TABLE \"Articles\";--", "\" OR 1=1 --", "'); DELETE FROM \"ApiKeys\"; --", "1 UNION SELECT * FROM pg_user", "%' AND 1=0 UNION SELECT NULL--", "$$; SELECT pg_sleep(10); $$"];
    private static readonly string[] Weird = ["\u0000", "\u0001\u0002\u001b[31m", "\r\nX-Injected: yes", "\ud83d\ude00\u200b\u202e", "\uFFFF\uFFFE", "../../etc/passwd", "<script>alert(1)</script>", "%00", "%ZZ", "🙂", "\t", " ", "null", "undefined", "NaN", "-0", "1e309"];
    private static readonly string[] BadNumbers = ["-1", "0", "abc", "1.5", "1e3", "99999999999999999999", "-2147483649", "2147483648", "0x10", "١٢", "NaN", "Infinity", " 5", "5 "];
    private static readonly string[] BadTimes = ["not-a-date", "2026-13-45", "99999-01-01", "0000-00-00", "2026-01-01T25:00:00Z", "yesterday", "1e9"];

    public static BadRequest Build(Operation operation, int kind, int seed, bool alsoQuery, World world)
    {
        var random = new Random(seed);
        var isRead = operation.Method == "GET";
        var mustFail = false;
        var kindName = "";

        // Path values: any for reads; for writes only ids that do not exist, so a request that happens to be valid still changes nothing.
        var path = operation.Path;
        var idParameters = operation.Parameters.Where(p => p.In == "path").ToList();
        foreach (var parameter in idParameters)
        {
            string value;
            var existing = isRead && random.Next(3) == 0;
            if (parameter.Type == "integer")
            {
                value = existing ? world.Ids[random.Next(world.Ids.Length)].ToString(System.Globalization.CultureInfo.InvariantCulture) : Pick(random, ["0", "-1", "2147483647", "99999999", "-2147483648", "9999999999999", "abc", "1.5", "1e3", "%2F", "%00", "' OR 1=1--", new string('9', 3000)]);
            }
            else
            {
                value = existing ? world.Slugs[random.Next(world.Slugs.Length)] : Pick(random, [.. Sql, .. Weird, "no-such-slug-" + seed, new string('a', 5000), "UPPER-Case", "a%2Fb", "%2e%2e%2Fx"]);
            }

            // A NUL in the path never reaches the app: Kestrel refuses the request line, and the test server throws.
            value = value.Replace("\u0000", "\u2400", StringComparison.Ordinal).Replace("%00", "%2400", StringComparison.Ordinal);
            mustFail |= !existing;
            path = path.Replace("{" + parameter.Name + "}", value.StartsWith('%') || value.Length > 1000 ? value : Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        var query = new List<string>();
        byte[]? body = null;
        string? contentType = null;
        var chunked = false;
        var headers = new List<(string, string)>();
        var queryParameters = operation.Parameters.Where(p => p.In == "query").ToList();

        switch (kind)
        {
            case 0 when queryParameters.Count > 0:
            case 1 when queryParameters.Count > 0:
                // A known query parameter with a value that cannot be valid for it.
                var target = queryParameters[random.Next(queryParameters.Count)];
                if (InvalidValue(target, random, world) is { } invalid)
                {
                    query.Add(target.Name + "=" + invalid);
                    mustFail = true;
                    kindName = "bad query value";
                }
                else
                {
                    query.Add(target.Name + "=" + Uri.EscapeDataString(Pick(random, Sql)));
                    kindName = "sql as text";
                }

                break;
            case 2:
                kindName = "sql and control characters everywhere";
                foreach (var parameter in queryParameters)
                {
                    query.Add(parameter.Name + "=" + Uri.EscapeDataString(Pick(random, [.. Sql, .. Weird])));
                }

                break;
            case 3:
                kindName = "query string too long";
                query.Add((queryParameters.Count > 0 ? queryParameters[0].Name : "x") + "=" + new string('q', 5000 + random.Next(5000)));
                mustFail = true;
                break;
            case 4:
                kindName = "tampered cursor";
                query.Add("cursor=" + Uri.EscapeDataString(Tamper(world.Cursors[random.Next(world.Cursors.Count)], random)));
                if (random.Next(2) == 0)
                {
                    query.Add("sort=" + Pick(random, ["title", "-updatedAt", "publishedAt"]));
                }

                mustFail = queryParameters.Any(p => p.Name == "cursor") || mustFail;
                break;
            case 5:
                kindName = "unknown sort";
                query.Add("sort=" + Uri.EscapeDataString(Pick(random, ["id", "-id", "nonsense", "--title", "title,-id", "Title", "password", "\"Slug\"; DROP TABLE x", "-", "+title", "relevance_"])));
                mustFail = queryParameters.Any(p => p.Name == "sort") || mustFail;
                break;
            case 6:
                kindName = "bad headers";
                headers.Add(("If-Match", Pick(random, ["\"abc\"", "W/\"1\"", "garbage", "\"1\", \"2\"", "\"99999999999999999999\"", "\"-1\""])));
                headers.Add(("If-None-Match", Pick(random, ["\"", "W/", "\"x\"", new string('"', 100)])));
                headers.Add(("X-Forwarded-Host", "evil.example"));
                headers.Add(("Accept", Pick(random, ["text/html", "application/xml", "*/*;q=abc", ""])));
                break;
        }

        if (alsoQuery && queryParameters.Count > 0 && kind != 3)
        {
            var extra = queryParameters[random.Next(queryParameters.Count)];
            var invalid = InvalidValue(extra, random, world);
            query.Add(extra.Name + "=" + (invalid ?? Uri.EscapeDataString(Pick(random, Sql))));
            mustFail |= invalid is not null;
            query.Add("unknownField" + random.Next(10) + "=" + Uri.EscapeDataString(Pick(random, Weird)));
        }

        if (operation.Body is not null || kind >= 7)
        {
            (body, contentType, chunked, var bodyKind, var bodyFails) = BadBody(operation, kind, random);
            if (operation.Body is not null || (body?.Length > OneMegabyte && !chunked))
            {
                mustFail |= bodyFails;
            }

            kindName = kindName.Length == 0 ? bodyKind : kindName + " + " + bodyKind;
        }

        if (kindName.Length == 0)
        {
            kindName = "bad path value";
        }

        // Writes never reach a row that exists (see above), and a body they refuse fails them too.
        mustFail |= !isRead && idParameters.Count > 0;
        var url = path + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        return new BadRequest(operation.Method, url, body, contentType, chunked, kindName, mustFail, [.. headers]);
    }

    private static (byte[]? Body, string? ContentType, bool Chunked, string Kind, bool Fails) BadBody(Operation operation, int kind, Random random)
    {
        var properties = operation.Body is { Count: > 0 } known ? known : new Dictionary<string, string> { ["title"] = "string" };
        var sample = SampleJson(properties, random);
        switch (kind % 6)
        {
            case 0:
                var cut = Encoding.UTF8.GetBytes(sample);
                return (cut[..random.Next(0, Math.Max(1, cut.Length - 1))], "application/json", false, "truncated json", true);
            case 1:
                var wrongType = properties.Keys.ElementAt(random.Next(properties.Count));
                var wrongValue = properties[wrongType] switch
                {
                    "integer" or "number" => Pick(random, ["\"12\"", "true", "[]", "{}", "1.5", "99999999999999999999999", "-1e400", "\"abc\""]),
                    "boolean" => Pick(random, ["\"true\"", "1", "[]"]),
                    _ => Pick(random, ["12", "true", "[\"a\"]", "{\"a\":1}", "1e999"]),
                };
                return (Encoding.UTF8.GetBytes(Replace(sample, wrongType, wrongValue)), "application/json", false, "wrong type", true);
            case 2:
                var poisoned = sample.TrimEnd('}') + (properties.Count > 0 ? "," : "") + $"\"{Pick(random, ["isAdmin", "id", "version", "role2", "__proto__", "Title"])}\":{Pick(random, ["true", "null", "\"x\""])}" + "}";
                return (Encoding.UTF8.GetBytes(poisoned), "application/json", false, "unknown field", true);
            case 3:
                var bytes = new List<byte>(Encoding.UTF8.GetBytes(sample[..^1]));
                bytes.AddRange(Encoding.UTF8.GetBytes(",\"x\":\""));
                bytes.AddRange(Pick(random, [new byte[] { 0xFF, 0xFE }, [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]]));
                bytes.AddRange(Encoding.UTF8.GetBytes("\"}"));
                return ([.. bytes], "application/json; charset=utf-8", false, "invalid utf-8", true);
            case 4:
                var huge = new byte[OneMegabyte + 1 + random.Next(50_000)];
                Array.Fill(huge, (byte)'a');
                Encoding.UTF8.GetBytes("{\"title\":\"").CopyTo(huge, 0);
                return (huge, "application/json", random.Next(2) == 0, "body over 1 MB", true);
            default:
                return random.Next(4) switch
                {
                    0 => (Encoding.UTF8.GetBytes(sample), Pick(random, ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", "image/png"]), false, "wrong content type", operation.Body is not null),
                    1 => (Encoding.UTF8.GetBytes(Pick(random, ["[]", "\"text\"", "42", "true", "[{}]", "{\"a\":" + new string('[', 200) + new string(']', 200) + "}", new string('[', 5000)])), "application/json", false, "wrong shape", true),
                    2 => (Encoding.UTF8.GetBytes(Replace(sample, properties.Keys.First(), "\"" + new string('x', 200_001 + random.Next(100_000)) + "\"") .TrimEnd('}') + ",\"unknown\":1}"), "application/json", random.Next(2) == 0, "huge string", true),
                    _ => (Encoding.UTF8.GetBytes(Replace(sample, properties.Keys.First(), "null").TrimEnd('}') + ",\"\\u0000\":\"\\u0000\"}"), "application/json", false, "nulls", true),
                };
        }
    }

    /// <summary>A JSON object with every property of the schema, holding hostile but well-formed values.</summary>
    private static string SampleJson(Dictionary<string, string> properties, Random random)
    {
        var pairs = properties.Select(p => $"\"{p.Key}\":" + (p.Value switch
        {
            "integer" => Pick(random, ["-1", "0", "2147483647", "-2147483648"]),
            "number" => Pick(random, ["-1", "0", "1e308"]),
            "boolean" => "true",
            _ => JsonSerializer.Serialize(Pick(random, [.. Sql, .. Weird, "", "   ", new string('x', 300)])),
        }));
        return "{" + string.Join(',', pairs) + "}";
    }

    private static string Replace(string json, string property, string rawValue)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        var text = node.ToJsonString();
        var start = text.IndexOf($"\"{property}\":", StringComparison.Ordinal);
        if (start < 0)
        {
            return text.TrimEnd('}') + (node.Count > 0 ? "," : "") + $"\"{property}\":{rawValue}" + "}";
        }

        node.Remove(property);
        var rest = node.ToJsonString();
        return rest.TrimEnd('}') + (node.Count > 0 ? "," : "") + $"\"{property}\":{rawValue}" + "}";
    }

    /// <summary>A value no implementation of this parameter may accept, or null when any text is legal (free text).</summary>
    private static string? InvalidValue(Parameter parameter, Random random, World world) => parameter.Name switch
    {
        "pageSize" => Pick(random, ["0", "-5", "101", "abc", "1e2", "99999999999", "1.5", "%00"]),
        "page" => Pick(random, ["0", "-1", "abc", "10000001", "1.0", "99999999999"]),
        "cursor" => Uri.EscapeDataString(Tamper(world.Cursors[random.Next(world.Cursors.Count)], random)),
        "sort" => Pick(random, ["nonsense", "-id", "password", "title%00"]),
        "includeTotal" => Pick(random, ["yes", "2", "%00"]),
        "q" => Pick(random, [new string('q', 201), "%20%20%20"]),
        "category" => Uri.EscapeDataString("no-such-category-" + random.Next()),
        "publishedFrom" or "publishedTo" => Uri.EscapeDataString(Pick(random, BadTimes)),
        "status" => Pick(random, ["deleted", "Draft", "PUBLISHED", "1", "draft%00"]),
        "navigation" => Pick(random, ["other", "Category", "%00"]),
        "replace" => Pick(random, ["maybe", "2", "yes"]),
        "since" => Pick(random, ["-1", "abc", "1.5", "1e3", "99999999999999999999", "%00"]),
        _ when parameter.Type is "integer" or "number" => Pick(random, BadNumbers),
        _ when parameter.Type == "boolean" => Pick(random, ["maybe", "2"]),
        _ => null,
    };

    private static string Tamper(string cursor, Random random)
    {
        var chars = cursor.ToCharArray();
        switch (random.Next(5))
        {
            case 0:
                var i = random.Next(chars.Length);
                chars[i] = chars[i] == 'A' ? 'B' : 'A';
                return new string(chars);
            case 1:
                return cursor[..(cursor.Length / 2)];
            case 2:
                var dot = cursor.IndexOf('.', StringComparison.Ordinal);
                var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"d\":0,\"s\":\"-publishedAt\",\"f\":\"\",\"k\":\"x\",\"i\":-1}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                return dot > 0 ? payload + cursor[dot..] : payload;
            case 3:
                return Pick(random, [".", "a.b", "!!!.###", new string('A', 3000) + ".x", "eyJ9.", "null"]);
            default:
                return cursor + "x";
        }
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];
}

public sealed class HostileInputTestsOnPostgres(PostgresApiFactory factory) : HostileInputTests<PostgresApiFactory>(factory, 8_000);

public sealed class HostileInputTestsOnSqlite(SqliteApiFactory factory) : HostileInputTests<SqliteApiFactory>(factory, 2_000);
