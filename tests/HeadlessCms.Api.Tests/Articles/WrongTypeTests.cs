using System.Net.Http.Headers;
using System.Text;
using HeadlessCms.Api.Tests.Fixtures;

namespace HeadlessCms.Api.Tests.Articles;

/// <summary>A value of the wrong type is reported against its field, like any other validation error.</summary>
public abstract class WrongTypeTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : CmsApiFactory
{
    [Theory]
    [InlineData("""{"title":"T","body":"B","categoryId":"seven"}""", "categoryId")]
    [InlineData("""{"title":"T","body":"B","categoryId":null}""", "categoryId")]
    [InlineData("""{"title":42,"body":"B","categoryId":1}""", "title")]
    [InlineData("""{"title":"T","body":"B","categoryId":1,"colour":"red"}""", "colour")]
    public async Task AWrongTypeIsAValidationProblemKeyedByItsField(string json, string field)
    {
        using var editor = factory.CreateEditorClient();
        using var content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        var response = await editor.PostAsync("/api/v1/manage/articles", content, TestContext.Current.CancellationToken);
        await response.AssertValidationProblemAsync(field);
    }
}

public sealed class WrongTypeTestsOnPostgres(PostgresApiFactory factory) : WrongTypeTests<PostgresApiFactory>(factory);

public sealed class WrongTypeTestsOnSqlite(SqliteApiFactory factory) : WrongTypeTests<SqliteApiFactory>(factory);
