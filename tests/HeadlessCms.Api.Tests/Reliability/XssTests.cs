using System.Text.RegularExpressions;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Reliability;

/// <summary>Known XSS payloads in an article's Markdown never come out of bodyHtml as markup a browser would run.</summary>
public sealed partial class XssTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    public static readonly TheoryData<string> Payloads =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<body onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](java\u0000script:alert(1))",
        "[click]( javascript:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;avascript&#x3A;alert(1))",
        "[click](javascript&colon;alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](<javascript:alert(1)>)",
        "[click][ref]\n\n[ref]: javascript:alert(1)",
        "![img](javascript:alert(1))",
        "![img](x\" onerror=\"alert(1))",
        "[x](https://example.com\" onclick=\"alert(1))",
        "<javascript:alert(1)>",
        "<https://example.com/\" onmouseover=\"alert(1)>",
        "javascript:alert(1)",
        "www.example.com/\"onmouseover=\"alert(1)",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",
        "<!-- --><script>alert(1)</script>",
        "<scr<script>ipt>alert(1)</script>",
        "<object data=\"javascript:alert(1)\">",
        "<embed src=javascript:alert(1)>",
        "<form action=javascript:alert(1)><button>x</button></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<link rel=import href=//evil.example>",
        "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
        "*<img src=x onerror=alert(1)>*",
        "[a](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    ];

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task MarkdownWithAnXssPayloadNeverYieldsExecutableMarkup(string payload)
    {
        using var editor = factory.CreateEditorClient();
        var content = new Content(editor);
        var category = await content.CategoryAsync();
        var article = await content.PublishedAsync(category.GetProperty("id").GetInt32(), body: "Intro.\n\n" + payload + "\n\nOutro.");
        using var reader = factory.CreateAnonymousClient();
        var detail = await (await reader.GetAsync("/api/v1/articles/" + article.GetProperty("slug").GetString(), TestContext.Current.CancellationToken)).AssertJsonAsync();
        var html = detail.GetProperty("bodyHtml").GetString()!;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        foreach (var tag in new[] { "<iframe", "<svg", "<img src=x", "<object", "<embed", "<form", "<meta", "<base", "<link", "<style", "<body", "<details", "<math" })
        {
            Assert.DoesNotContain(tag, html, StringComparison.OrdinalIgnoreCase);
        }

        foreach (Match tag in Tag().Matches(html))
        {
            Assert.False(EventHandler().IsMatch(tag.Value), $"event handler attribute in {tag.Value}");
            Assert.False(Style().IsMatch(tag.Value), $"style attribute in {tag.Value}");
            foreach (Match url in UrlAttribute().Matches(tag.Value))
            {
                var value = System.Net.WebUtility.HtmlDecode(url.Groups["v"].Value);
                var compact = new string(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                Assert.False(compact.StartsWith("javascript:", StringComparison.Ordinal) || compact.StartsWith("vbscript:", StringComparison.Ordinal)
                    || compact.StartsWith("data:", StringComparison.Ordinal), $"dangerous URL in {tag.Value}");
            }
        }
    }

    [GeneratedRegex("<[a-zA-Z][^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[\s/""']on[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex(@"\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex Style();

    [GeneratedRegex(@"\s(?:href|src|action|formaction|data|xlink:href)\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)'|(?<v>[^\s>]+))", RegexOptions.IgnoreCase)]
    private static partial Regex UrlAttribute();
}
