using HeadlessCms.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HeadlessCms.Migrations.Postgres;

/// <summary>Lets `dotnet ef` build the PostgreSQL model without a web host or a database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CmsDbContext>
{
    public CmsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CmsDbContext>();
        CmsDatabase.Configure(options, DatabaseProvider.Postgres, "Host=localhost;Database=headlesscms_design");
        return new CmsDbContext(options.Options);
    }
}
