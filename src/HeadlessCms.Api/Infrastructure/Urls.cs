using Microsoft.AspNetCore.Http.Extensions;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>Absolute base URLs of the resources, from the request (and forwarded headers, when enabled).</summary>
public static class Urls
{
    public static string Articles(HttpRequest request) => Base(request) + "/api/v1/articles/";

    public static string Categories(HttpRequest request) => Base(request) + "/api/v1/categories/";

    public static string ManageArticles(HttpRequest request) => Base(request) + "/api/v1/manage/articles/";

    public static string ManageCategories(HttpRequest request) => Base(request) + "/api/v1/manage/categories/";

    public static string ManageApiKeys(HttpRequest request) => Base(request) + "/api/v1/manage/api-keys/";

    private static string Base(HttpRequest request) => UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase).TrimEnd('/');
}
