using System.Net;
using System.Text;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Reliability;

public sealed class LimitsTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    private static HttpContent Json(int bytes, bool chunked)
    {
        var body = Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', bytes) + "\"}");
        HttpContent content = chunked ? new UnknownLengthContent(body) : new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABodyOverOneMegabyteIsRefusedWith413WithOrWithoutContentLength(bool chunked)
    {
        using var editor = factory.CreateEditorClient();
        var content = Json(1_048_577, chunked);
        Assert.Equal(!chunked, content.Headers.ContentLength is not null);
        var response = await editor.PostAsync("/api/v1/manage/categories", content, TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABodyJustUnderTheLimitIsRead(bool chunked)
    {
        using var editor = factory.CreateEditorClient();
        // Read in full and judged by validation (the name is far too long), not refused for its size.
        var response = await editor.PostAsync("/api/v1/manage/categories", Json(1_000_000, chunked), TestContext.Current.CancellationToken);
        await response.AssertValidationProblemAsync("name");
    }

    [Fact]
    public async Task PageSizeAbove100IsAValidationProblem()
    {
        using var client = factory.CreateAnonymousClient();
        await (await client.GetAsync("/api/v1/articles?pageSize=101", TestContext.Current.CancellationToken)).AssertValidationProblemAsync("pageSize");
        await (await client.GetAsync("/api/v1/articles?pageSize=100", TestContext.Current.CancellationToken)).AssertJsonAsync();
    }

    [Fact]
    public async Task AQueryStringOver4KilobytesIsRefusedWith414()
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.GetAsync("/api/v1/articles?q=" + new string('a', 4100), TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.RequestUriTooLong);
    }

    [Fact]
    public async Task HeadersOver32KilobytesAreRefusedWith431()
    {
        using var client = factory.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/articles");
        for (var i = 0; i < 5; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Padding-{i}", new string('p', 8000));
        }

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }
}

/// <summary>The app with tiny rate limits, so tests can reach them.</summary>
public sealed class RateLimitedApiFactory : SqliteApiFactory
{
    public const int PerKey = 5;
    public const int PerAddress = 8;

    public RateLimitedApiFactory()
    {
        Set("Cms:RateLimit:Enabled", "true");
        Set("Cms:RateLimit:PermitsPerKeyPerMinute", PerKey.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("Cms:RateLimit:PermitsPerAddressPerMinute", PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class RateLimitTests(RateLimitedApiFactory factory) : IClassFixture<RateLimitedApiFactory>
{
    private async Task<HttpResponseMessage> SendFromAsync(string address, string? key, string path = "/api/v1/categories")
    {
        var response = await factory.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            if (key is not null)
            {
                context.Request.Headers["X-Api-Key"] = key;
            }
        }, TestContext.Current.CancellationToken);
        return new HttpResponseMessage((HttpStatusCode)response.Response.StatusCode)
        {
            Content = new StreamContent(response.Response.Body) { Headers = { ContentType = response.Response.ContentType is { } t ? System.Net.Http.Headers.MediaTypeHeaderValue.Parse(t) : null } },
            Headers = { RetryAfter = response.Response.Headers.RetryAfter.Count > 0 ? System.Net.Http.Headers.RetryConditionHeaderValue.Parse(response.Response.Headers.RetryAfter!) : null },
        };
    }

    [Fact]
    public async Task AnAddressOverItsLimitGets429WithRetryAfterWhileAnotherAddressIsServed()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedApiFactory.PerAddress; i++)
        {
            statuses.Add((await SendFromAsync("203.0.113.10", null)).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var refused = await SendFromAsync("203.0.113.10", null);
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Equal(HttpStatusCode.OK, (await SendFromAsync("203.0.113.11", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendFromAsync("203.0.113.10", null, "/health/live")).StatusCode);
    }

    [Fact]
    public async Task AKeyOverItsLimitGets429FromAnyAddressWhileAnotherKeyIsServed()
    {
        var key = factory.EditorKey!;
        for (var i = 0; i < RateLimitedApiFactory.PerKey; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendFromAsync($"198.51.100.{i + 1}", key, "/api/v1/manage/categories")).StatusCode);
        }

        var refused = await SendFromAsync("198.51.100.200", key, "/api/v1/manage/categories");
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await SendFromAsync("198.51.100.201", CmsApiFactory.AdminKey, "/api/v1/manage/categories")).StatusCode);
    }
}

/// <summary>Tiny limits, switched off the way an operator would: Cms__RateLimit__Enabled=false.</summary>
public sealed class RateLimitOffApiFactory : SqliteApiFactory
{
    public RateLimitOffApiFactory()
    {
        Set("Cms:RateLimit:Enabled", "false");
        Set("Cms:RateLimit:PermitsPerKeyPerMinute", "1");
        Set("Cms:RateLimit:PermitsPerAddressPerMinute", "1");
    }
}

public sealed class RateLimitSwitchTests(RateLimitOffApiFactory factory) : IClassFixture<RateLimitOffApiFactory>
{
    [Fact]
    public async Task RateLimitingIsOnByDefaultAndOffWhenConfiguredSo()
    {
        Assert.True(new HeadlessCms.Api.Infrastructure.CmsOptions().RateLimit.Enabled);
        using var client = factory.CreateEditorClient();
        for (var i = 0; i < 10; i++)
        {
            var response = await client.GetAsync("/api/v1/manage/categories", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
