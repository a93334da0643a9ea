using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace HeadlessCms.Api.Infrastructure;

public static class DemoSite
{
    /// <summary>Only what the page itself loads is served: its README and anything else left in the folder is not.</summary>
    private static readonly FileExtensionContentTypeProvider PageFiles = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html",
        [".js"] = "text/javascript",
        [".css"] = "text/css",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    });

    /// <summary>Serves the reference front end (examples/news-site) at /demo/ when enabled (default: Development).</summary>
    public static void UseDemoSite(this WebApplication app, CmsOptions cms)
    {
        UseDemoMedia(app);

        var enabled = cms.Demo.Enabled ?? app.Environment.IsDevelopment();
        var folder = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "wwwroot-demo"),
            Path.Combine(app.Environment.ContentRootPath, "..", "..", "examples", "news-site"),
        }.FirstOrDefault(Directory.Exists);
        if (!enabled || folder is null)
        {
            return;
        }

        var files = new PhysicalFileProvider(Path.GetFullPath(folder));
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = "/demo", FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { RequestPath = "/demo", FileProvider = files, ContentTypeProvider = PageFiles });
    }

    /// <summary>
    /// The demo content's featured images (small SVGs shipped with the app), so the seeded news shows its pictures
    /// offline, whether or not the demo front end is on.
    /// </summary>
    private static void UseDemoMedia(WebApplication app)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "demo-media");
        if (Directory.Exists(folder))
        {
            app.UseStaticFiles(new StaticFileOptions { RequestPath = "/media/demo", FileProvider = new PhysicalFileProvider(folder) });
        }
    }
}
