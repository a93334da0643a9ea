using HeadlessCms.Api.Tests.Fixtures;
using HeadlessCms.Data.ApiKeys;

namespace HeadlessCms.Api.Tests.Security;

/// <summary>The bootstrap admin key must be long; keys are listed by a prefix of at most 6 characters, old rows included.</summary>
public abstract class BootstrapKeyTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : CmsApiFactory, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AShortBootstrapAdminKeyStopsTheStartUpWithAClearMessage()
    {
        await using var shortKey = new TFactory();
        shortKey.Set("Cms:BootstrapAdminKey", "only-twenty-chars-xx");

        var failure = await Record.ExceptionAsync(async () => await shortKey.InitializeAsync());

        Assert.NotNull(failure);
        var messages = string.Join(" | ", Chain(failure));
        Assert.Contains("Cms:BootstrapAdminKey", messages, StringComparison.Ordinal);
        Assert.Contains("at least 32 characters", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeysAreListedByAPrefixOfAtMostSixCharactersIncludingRowsStoredWithALongerOne()
    {
        using var admin = factory.CreateAdminClient();
        var created = await (await admin.PostAsync("/api/v1/manage/api-keys",
            System.Net.Http.Json.JsonContent.Create(new { name = "prefix check", role = "editor" }), Ct)).AssertJsonAsync(System.Net.HttpStatusCode.Created);
        Assert.Equal(6, created.Text("prefix").Length);
        Assert.StartsWith(created.Text("prefix"), created.Text("key"), StringComparison.Ordinal);

        await using (var db = factory.NewDbContext())
        {
            db.ApiKeys.Add(new ApiKey { Name = "legacy", Role = "editor", KeyHash = Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray(), Prefix = "hcms_abcdefg", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        var listed = await admin.AllItemsAsync("/api/v1/manage/api-keys?pageSize=100");
        Assert.All(listed, k => Assert.True(k.Text("prefix").Length <= 6, k.Text("prefix")));
        Assert.Contains(listed, k => k.Text("name") == "legacy" && k.Text("prefix") == "hcms_a");
    }

    private static IEnumerable<string> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}

public sealed class BootstrapKeyTestsOnPostgres(PostgresApiFactory factory) : BootstrapKeyTests<PostgresApiFactory>(factory);

public sealed class BootstrapKeyTestsOnSqlite(SqliteApiFactory factory) : BootstrapKeyTests<SqliteApiFactory>(factory);
