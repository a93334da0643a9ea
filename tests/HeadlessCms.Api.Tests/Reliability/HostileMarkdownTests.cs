using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Reliability;

/// <summary>Generated Markdown shapes: a few tokens that start links, emphasis, quotes, lists and code, repeated up to
/// the body's length limit. Each body is refused at write time with a "body" problem or stored, and a stored one
/// publishes and reads; nothing answers 5xx.</summary>
public abstract partial class HostileInputTests<TFactory>
{
    private static readonly string[] MarkdownTokens =
        ["[", "]", "(", ")", "](", "[a](", "![", ">", "> ", "- ", "* ", "1. ", "  ", "\t", "\n", "*", "**", "_", "~~", "`", "```", "<", "&#", "|", "#", "\\", "a", "http://x", "<http://", "[a]: ", "'", "\""];

    private static readonly Gen<string> MarkdownShape =
        Gen.Select(Gen.Int[0, MarkdownTokens.Length - 1].Array[1, 4], Gen.Int[1, 200_000], (tokens, length) =>
        {
            var unit = string.Concat(tokens.Select(t => MarkdownTokens[t]));
            var body = string.Concat(Enumerable.Repeat(unit, length / unit.Length + 1));
            return body[..Math.Min(body.Length, length)];
        });

    private static readonly JsonSerializerOptions Relaxed = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task GeneratedMarkdownShapesAreRefusedAsABodyProblemOrStoredAndServedNever5xx()
    {
        var token = TestContext.Current.CancellationToken;
        using var editor = factory.CreateEditorClient();
        using var reader = factory.CreateAnonymousClient();
        var categoryId = (await new Content(editor).CategoryAsync()).GetProperty("id").GetInt32();
        var outcomes = new ConcurrentDictionary<string, int>();
        await Check.SampleAsync(MarkdownShape, async body =>
        {
            // Unescaped, so a 200,000-character body of '`' or '<' stays under the 1 MB request limit and reaches the renderer.
            var response = await editor.PostAsJsonAsync("/api/v1/manage/articles", new { title = Content.Unique("Shape"), body, categoryId }, Relaxed, token);
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                await response.AssertValidationProblemAsync("body");
                outcomes.AddOrUpdate("refused", 1, (_, n) => n + 1);
                return;
            }

            var id = (await response.AssertJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
            var published = await (await editor.PostAsync($"/api/v1/manage/articles/{id}/publish", null, token)).AssertJsonAsync();
            await (await editor.PostAsync($"/api/v1/manage/articles/{id}/summary/generate", null, token)).AssertJsonAsync();
            await (await reader.GetAsync($"/api/v1/articles/{published.Text("slug")}", token)).AssertJsonAsync();
            outcomes.AddOrUpdate("stored", 1, (_, n) => n + 1);
        }, iter: 40, threads: 2, print: body => $"[{body.Length} chars] {(body.Length > 120 ? body[..120] + "…" : body)}");

        Assert.Equal(40, outcomes.Values.Sum());
        Report.Write(GetType().Name, $"{typeof(TFactory).Name}: markdown shapes " + string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}")));
    }
}
