using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Events;

internal static class BackgroundWork
{
    /// <summary>The OpenAPI generators and dotnet-ef run the app's start-up: background jobs must not touch a database there.</summary>
    public static bool ShouldRun(EventOptions options) => options.RunBackgroundJobs &&
        !EF.IsDesignTime && Assembly.GetEntryAssembly()?.GetName().Name is not ("dotnet-swagger" or "GetDocument.Insider");
}
