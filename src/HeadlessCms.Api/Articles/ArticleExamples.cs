using System.Text.Json.Nodes;

namespace HeadlessCms.Api.Articles;

/// <summary>Request examples for Swagger UI, so "Try it out" starts from something that works.</summary>
internal static class ArticleExamples
{
    public static readonly (string Name, JsonNode Value) Article = ("Article", new JsonObject
    {
        ["title"] = "City council approves the 2027 budget",
        ["body"] = "The council met on Monday evening and approved next year's budget by seven votes to two.\n\n"
            + "## What changes\n\nLibrary hours are extended and two bus lines run every ten minutes.",
        ["categoryId"] = 1,
        ["author"] = "Jane Doe",
        ["summary"] = "The council approved the 2027 budget: longer library hours and more frequent buses.",
    });

    public static readonly (string Name, JsonNode Value)[] Publish =
    [
        ("Publish now", new JsonObject()),
        ("Schedule", new JsonObject { ["publishAt"] = "2027-01-15T07:00:00Z" }),
    ];
}
