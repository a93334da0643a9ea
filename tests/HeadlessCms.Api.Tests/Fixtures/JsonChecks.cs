using System.Globalization;
using System.Net;
using System.Text.Json;

namespace HeadlessCms.Api.Tests.Fixtures;

/// <summary>Small readers and checks over the JSON the API answers with.</summary>
public static class JsonChecks
{
    public static int Id(this JsonElement element) => element.GetProperty("id").GetInt32();

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    /// <summary>The object has exactly these properties: no field renamed, none missing, none leaked.</summary>
    public static void AssertProperties(this JsonElement element, params string[] names) =>
        Assert.Equal(names.Order(StringComparer.Ordinal), element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

    /// <summary>The object has at least these properties.</summary>
    public static void AssertHasProperties(this JsonElement element, params string[] names)
    {
        var present = element.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(names, name => Assert.True(present.Contains(name), $"missing '{name}' in {element}"));
    }

    /// <summary>An ISO 8601 timestamp in UTC, written with Z.</summary>
    public static DateTime AssertUtc(this JsonElement value)
    {
        var text = value.GetString();
        Assert.NotNull(text);
        Assert.EndsWith("Z", text, StringComparison.Ordinal);
        return DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    /// <summary>Every item of a list, following links.next to the end.</summary>
    public static async Task<List<JsonElement>> AllItemsAsync(this HttpClient client, string url)
    {
        var items = new List<JsonElement>();
        for (string? next = url; next is not null;)
        {
            var page = await (await client.GetAsync(next, TestContext.Current.CancellationToken)).AssertJsonAsync(HttpStatusCode.OK);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("links").GetProperty("next").GetString();
            Assert.True(items.Count < 10_000, "the list does not end");
        }

        return items;
    }
}
