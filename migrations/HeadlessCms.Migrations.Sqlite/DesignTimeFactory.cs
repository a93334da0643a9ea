using HeadlessCms.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HeadlessCms.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the SQLite model without a web host or a database.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<CmsDbContext>
{
    public CmsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CmsDbContext>();
        CmsDatabase.Configure(options, DatabaseProvider.Sqlite, "Data Source=design.db");
        return new CmsDbContext(options.Options);
    }
}
