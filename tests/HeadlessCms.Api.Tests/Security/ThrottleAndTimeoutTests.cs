using System.Net;
using System.Text;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Security;

/// <summary>Wrong keys are throttled per address without locking out a valid key; no request runs past its time limit.</summary>
public abstract class ThrottleAndTimeoutTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : CmsApiFactory
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PastTheFailedKeyAllowanceWrongKeysGet429WithRetryAfterWhileAValidKeyKeepsWorking()
    {
        using var guesser = factory.CreateClientWithKey("hcms_wrong_key_000000000000000000000000");
        using var admin = factory.CreateAdminClient();

        for (var i = 0; i < SecurityFactorySettings.FailedKeysAllowed; i++)
        {
            await (await guesser.GetAsync("/api/v1/manage/articles", Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        foreach (var path in new[] { "/api/v1/manage/articles", "/api/v1/articles" })
        {
            var throttled = await guesser.GetAsync(path, Ct);
            var problem = await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Contains("API key", problem.Text("detail"), StringComparison.Ordinal);
            Assert.True(int.Parse(Assert.Single(throttled.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        }

        await (await admin.GetAsync("/api/v1/manage/articles", Ct)).AssertJsonAsync();
        using var reader = factory.CreateAnonymousClient();
        await (await reader.GetAsync("/api/v1/articles", Ct)).AssertJsonAsync();
    }

    [Fact]
    public async Task ARequestStillRunningAfterTheTimeoutIsA503Problem()
    {
        using var editor = factory.CreateEditorClient();
        using var content = new StalledContent();

        var response = await editor.PostAsync("/api/v1/manage/categories", content, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("1 seconds", problem.Text("detail"), StringComparison.Ordinal);
    }

    /// <summary>A JSON body whose sender stops after the first byte, as a slow (or hostile) client would.</summary>
    private sealed class StalledContent : HttpContent
    {
        public StalledContent() => Headers.ContentType = new("application/json");

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes("{\"name\":"));
            await stream.FlushAsync();
            // Bounded, so a server that never times out fails the test instead of hanging it.
            await Task.Delay(TimeSpan.FromSeconds(60));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

public sealed class ThrottleAndTimeoutTestsOnPostgres(ThrottledOnPostgres factory) : ThrottleAndTimeoutTests<ThrottledOnPostgres>(factory);

public sealed class ThrottleAndTimeoutTestsOnSqlite(ThrottledOnSqlite factory) : ThrottleAndTimeoutTests<ThrottledOnSqlite>(factory);
