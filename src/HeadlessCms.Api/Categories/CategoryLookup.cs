using System.Collections.Concurrent;
using HeadlessCms.Data;
using HeadlessCms.Data.Categories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HeadlessCms.Api.Categories;

/// <summary>
/// The category an article is created in, remembered for a few seconds: categories number in the hundreds and rarely
/// change, while a newsroom creates articles all day, and the look-up was one of a create's three round trips.
/// Any category change saved by this instance forgets everything at once. A change made through another instance is
/// seen here within <see cref="Lifetime"/>: until then a create names the category's old slug in its event, or, if the
/// category was deleted, fails on the foreign key (409) instead of the validation answer (400).
/// </summary>
public sealed class CategoryLookup(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<int, Remembered> remembered = new();

    /// <summary>Bumped by every change, so a read that raced with one is not remembered.</summary>
    private long changes;

    /// <summary>The category, tracked by <paramref name="db"/> (unchanged), or null when there is none with that id.</summary>
    public async Task<Category?> FindAsync(CmsDbContext db, int id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (remembered.TryGetValue(id, out var known) && known.Until > now && db.Categories.Local.FindEntry(id) is null)
        {
            // A copy per request: an entity is tracked by one context at a time.
            var copy = Copy(known.Category);
            db.Categories.Attach(copy);
            return copy;
        }

        var before = Interlocked.Read(ref changes);
        var category = await db.Categories.AsTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (category is not null && Interlocked.Read(ref changes) == before)
        {
            remembered[id] = new Remembered(Copy(category), now + Lifetime);
        }

        return category;
    }

    public void Forget()
    {
        Interlocked.Increment(ref changes);
        remembered.Clear();
    }

    private sealed record Remembered(Category Category, DateTimeOffset Until);

    private static Category Copy(Category c) => new()
    {
        Id = c.Id, Name = c.Name, Slug = c.Slug, Description = c.Description, ParentId = c.ParentId,
        CreatedAt = c.CreatedAt, UpdatedAt = c.UpdatedAt, Version = c.Version,
    };
}

/// <summary>Forgets the remembered categories when a save changes any category, once it is committed.</summary>
public sealed class CategoryChangeInterceptor(CategoryLookup lookup) : SaveChangesInterceptor
{
    /// <summary>Saves in progress that change a category.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> changing = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ForgetIfCategoriesChange(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ForgetIfCategoriesChange(eventData.Context);
        return result;
    }

    // Again once saved: a read between the two saw the old row (the change was not committed) and may be remembered.
    // (A save inside a caller's transaction commits later still; categories are never changed in one.)
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ForgetIfCategoriesChange(eventData.Context, saved: true);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ForgetIfCategoriesChange(eventData.Context, saved: true);
        return result;
    }

    private void ForgetIfCategoriesChange(DbContext? context, bool saved = false)
    {
        if (context is null)
        {
            return;
        }

        if (saved)
        {
            if (changing.TryGetValue(context, out _))
            {
                changing.Remove(context);
                lookup.Forget();
            }

            return;
        }

        if (context.ChangeTracker.Entries<Category>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            changing.AddOrUpdate(context, context);
            lookup.Forget();
        }
    }
}
