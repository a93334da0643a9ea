using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Paging;

/// <summary>A list parameter given twice is refused, not silently joined into a value nobody sent.</summary>
public abstract class RepeatedParameterTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : CmsApiFactory
{
    [Theory]
    [InlineData("/api/v1/articles?q=storm&q=flood", "q")]
    [InlineData("/api/v1/articles?pageSize=5&pageSize=10", "pageSize")]
    [InlineData("/api/v1/categories?sort=name&sort=-name", "sort")]
    public async Task ARepeatedParameterIsAValidationProblem(string url, string field)
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        await response.AssertValidationProblemAsync(field);
    }
}

public sealed class RepeatedParameterTestsOnPostgres(PostgresApiFactory factory) : RepeatedParameterTests<PostgresApiFactory>(factory);

public sealed class RepeatedParameterTestsOnSqlite(SqliteApiFactory factory) : RepeatedParameterTests<SqliteApiFactory>(factory);
