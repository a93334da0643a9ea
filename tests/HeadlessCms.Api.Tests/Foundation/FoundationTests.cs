using System.Net;
using HeadlessCms.Api.Tests.Fixtures;
using HeadlessCms.Data;
using HeadlessCms.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HeadlessCms.Api.Tests.Foundation;

public abstract class FoundationTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : CmsApiFactory
{
    [Fact]
    public async Task LiveAndReadyAnswer200WhenTheDatabaseIsMigrated()
    {
        using var client = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task TheMigrationsMatchTheModel()
    {
        await using var db = factory.NewDbContext();
        Assert.Equal(factory.Provider == DatabaseProvider.Postgres, db.IsPostgres);
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes no migration captures: run dotnet ef migrations add for both providers");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheAppRunsOnACompiledModelThatMatchesTheModel()
    {
        await using var db = factory.NewDbContext();
        // The app's context uses the generated model of its provider, not one built from the configuration classes.
        Assert.Same(DatabaseSetup.CompiledModel(factory.Provider), db.Model);
        // The design-time model is always built from the configuration classes (OnModelCreating), as migrations see it.
        var built = db.GetService<IDesignTimeModel>().Model;
        Assert.True(CompiledModelShape.Describe(built).SequenceEqual(CompiledModelShape.Describe(db.Model)),
            "the compiled model is stale: run migrations/optimize.sh. " + CompiledModelShape.Difference(built, db.Model));
    }

    [Fact]
    public async Task AnUnknownRouteIsAProblem()
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.GetAsync("/api/v1/nothing-here", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class FoundationTestsOnPostgres(PostgresApiFactory factory) : FoundationTests<PostgresApiFactory>(factory);

public sealed class FoundationTestsOnSqlite(SqliteApiFactory factory) : FoundationTests<SqliteApiFactory>(factory);
