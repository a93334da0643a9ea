using Microsoft.Extensions.FileProviders;

namespace HeadlessCms.Api.Infrastructure;

public static class DemoSite
{
    /// <summary>Serves the reference front end (examples/news-site) at /demo/ when enabled (default: Development).</summary>
    public static void UseDemoSite(this WebApplication app, CmsOptions cms)
    {
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
        app.UseStaticFiles(new StaticFileOptions { RequestPath = "/demo", FileProvider = files });
    }
}
