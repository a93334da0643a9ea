using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Editorial;

/// <summary>Keys of each role, made through the admin API as an admin would.</summary>
public static class Editorial
{
    public static async Task<(int Id, string Key)> KeyAsync(CmsApiFactory factory, string role, string? name = null)
    {
        using var admin = factory.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = name ?? Content.Unique(role), role }, TestContext.Current.CancellationToken);
        var created = await response.AssertJsonAsync(HttpStatusCode.Created);
        return (created.GetProperty("id").GetInt32(), created.GetProperty("key").GetString()!);
    }

    public static int Id(this JsonElement e) => e.GetProperty("id").GetInt32();

    public static string ETag(this JsonElement article) => $"\"{article.GetProperty("version").GetInt64()}\"";
}
