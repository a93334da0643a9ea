using HeadlessCms.Api.Articles;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Tests.Units;

/// <summary>
/// The retry when a made slug loses to a concurrent insert. Over HTTP that needs a race; here a real SQLite table
/// with a unique index (a stand-in for articles and categories) loses the race on purpose.
/// </summary>
public sealed class MadeSlugSaveTests : IAsyncLifetime
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private Db db = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await connection.OpenAsync(Ct);
        db = new Db(new DbContextOptionsBuilder<Db>().UseSqlite(connection).Options);
        await db.Database.EnsureCreatedAsync(Ct); // a throwaway test table, not the app's schema
        db.Items.AddRange(new Item { Slug = "news" }, new Item { Slug = "news-2" }, new Item { Slug = "sports" });
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await db.DisposeAsync();
        await connection.DisposeAsync();
    }

    private async Task<string> SaveAsync(string slug, Func<string, List<string>> takenLike)
    {
        var item = new Item { Slug = slug };
        db.Items.Add(item);
        var reads = 0;
        await Slugs.SaveWithMadeSlugAsync(db, "news", () => item.Slug, s => item.Slug = s, (stem, _) =>
        {
            reads++;
            return Task.FromResult(takenLike(stem));
        }, Ct);
        Assert.Equal(item.Slug, await db.Items.Where(i => i.Id == item.Id).Select(i => i.Slug).SingleAsync(Ct));
        return $"{item.Slug} after {reads} reads";
    }

    [Fact]
    public async Task AFreeMadeSlugIsSavedAtOnce() =>
        Assert.Equal("news-3 after 0 reads", await SaveAsync("news-3", _ => []));

    [Fact]
    public async Task ALostSlugTakesTheFirstFreeNumberFromAFreshRead() =>
        Assert.Equal("news-3 after 1 reads", await SaveAsync("news", stem => [stem, stem + "-2"]));

    [Fact]
    public async Task ASlugThisRequestAlreadyLostIsNeverOfferedAgainWhateverTheReadSays()
    {
        // The read lags behind the table (it sees nothing): the request still moves on, one number at a time.
        Assert.Equal("news-3 after 2 reads", await SaveAsync("news", _ => []));
    }

    [Fact]
    public async Task AnErrorThatIsNotAUniqueViolationIsNotRetried()
    {
        var item = new Item { Slug = "news-10", Other = 7 }; // breaks the CHECK constraint, not the unique index
        db.Items.Add(item);
        var reads = 0;
        await Assert.ThrowsAsync<DbUpdateException>(() => Slugs.SaveWithMadeSlugAsync(db, "news", () => item.Slug, s => item.Slug = s,
            (_, _) => { reads++; return Task.FromResult(new List<string>()); }, Ct));
        Assert.Equal(0, reads);
    }

    private sealed class Item
    {
        public int Id { get; set; }

        public string Slug { get; set; } = "";

        public int? Other { get; set; }
    }

    private sealed class Db(DbContextOptions<Db> options) : DbContext(options)
    {
        public DbSet<Item> Items => Set<Item>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Item>().HasIndex(i => i.Slug).IsUnique();
            modelBuilder.Entity<Item>().ToTable(t => t.HasCheckConstraint("OtherIsNotSeven", "\"Other\" IS NULL OR \"Other\" <> 7"));
        }
    }
}
