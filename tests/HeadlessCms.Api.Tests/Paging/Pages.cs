using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Paging;

/// <summary>One page of a list as the client received it.</summary>
public sealed record Page(JsonElement Body, HttpResponseMessage Response)
{
    public static readonly string[] Rels = ["first", "prev", "next", "last"];

    public IReadOnlyList<JsonElement> Items => [.. Body.GetProperty("items").EnumerateArray()];

    public JsonElement Info => Body.GetProperty("page");

    public string Self => Link("self")!;

    public string? Link(string rel) => Body.GetProperty("links").GetProperty(rel) is { ValueKind: JsonValueKind.String } url ? url.GetString() : null;

    public int? Number(string field) => Info.GetProperty(field) is { ValueKind: JsonValueKind.Number } n ? n.GetInt32() : null;

    /// <summary>The RFC 8288 Link header as (rel, url) pairs, in header order.</summary>
    public IReadOnlyList<(string Rel, string Url)> LinkHeader()
    {
        var header = Response.Headers.TryGetValues("Link", out var values) ? string.Join(", ", values) : string.Empty;
        return [.. Regex.Matches(header, "<([^>]*)>\\s*;\\s*rel=\"([^\"]+)\"").Select(m => (m.Groups[2].Value, m.Groups[1].Value))];
    }
}

public static class Pages
{
    public static async Task<Page> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.AssertJsonAsync(HttpStatusCode.OK);
        var page = new Page(body, response);
        AssertLinkHeaderMatchesLinks(page);
        return page;
    }

    public static void AssertLinkHeaderMatchesLinks(Page page)
    {
        var expected = Page.Rels.Where(rel => page.Link(rel) is not null).Select(rel => (rel, page.Link(rel)!)).ToList();
        Assert.Equal(expected, page.LinkHeader());
    }

    /// <summary>Follows <paramref name="rel"/> links from <paramref name="url"/> to the end; items come back in list order.</summary>
    public static async Task<(List<JsonElement> Items, List<Page> Pages)> WalkAsync(this HttpClient client, string url, string rel)
    {
        var pages = new List<Page>();
        for (string? next = url; next is not null; next = pages[^1].Link(rel))
        {
            Assert.True(pages.Count < 500, "the walk does not end");
            pages.Add(await client.GetPageAsync(next));
        }

        var ordered = rel == "prev" ? Enumerable.Reverse(pages) : pages;
        return ([.. ordered.SelectMany(p => p.Items)], pages);
    }

    public static int Id(this JsonElement item) => item.GetProperty("id").GetInt32();

    public static string Text(this JsonElement item, string property) => item.GetProperty(property).GetString()!;

    public static DateTime Time(this JsonElement item, string property) =>
        DateTime.Parse(item.GetProperty(property).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static Dictionary<string, string> QueryOf(string url) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(url).Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    public static string Letters(int length) => new([.. Enumerable.Range(0, length).Select(_ => (char)('a' + Random.Shared.Next(26)))]);
}
