using HeadlessCms.Data.Events;
namespace HeadlessCms.Data.Categories;

public sealed class Category : ISlugged, IRecordsContentEvents
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string? Description { get; set; }
    public int? ParentId { get; set; }
    public Category? Parent { get; set; }
    public List<Category> Children { get; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic-concurrency token, bumped on every change; served as the ETag.</summary>
    public long Version { get; set; } = 1;

    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Content events recorded by this change, written with it by CmsDbContext.SaveChangesAsync.</summary>
    public List<Func<ContentEvent>> PendingEvents { get; } = [];
}
