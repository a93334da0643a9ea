using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HeadlessCms.Bench;

/// <summary>
/// The ceiling for the cached path: a bare Kestrel endpoint, the same kind of process as the API, answering every
/// request with S1's response body (captured from the API by run.sh) held in memory. Nothing is computed per request,
/// so what it serves is the limit of Kestrel, wrk and the machine.
/// </summary>
public static class MemoryBaseline
{
    public static async Task<int> RunAsync(string bodyFile, string urls)
    {
        var body = await File.ReadAllBytesAsync(bodyFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(urls);
        var app = builder.Build();
        app.MapGet("/api/v1/articles", () => TypedResults.Bytes(body, "application/json; charset=utf-8"));
        Console.WriteLine($"Memory baseline ({body.Length:N0} bytes) listening on {urls}");
        await app.RunAsync();
        return 0;
    }
}
