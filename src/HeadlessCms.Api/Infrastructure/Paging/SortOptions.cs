namespace HeadlessCms.Api.Infrastructure.Paging;

/// <summary>The fields one list may be sorted by, and its default order.</summary>
public sealed class SortOptions<TEntity>(string defaultSort, params ISortKey<TEntity>[] keys)
{
    public string DefaultSort => defaultSort;

    public IReadOnlyList<ISortKey<TEntity>> Keys => keys;

    public IEnumerable<string> Allowed => keys.SelectMany(k => new[] { k.Name, "-" + k.Name });

    public (ISortKey<TEntity> Key, bool Descending)? Find(string sort)
    {
        var descending = sort.StartsWith('-');
        var name = descending ? sort[1..] : sort;
        var key = keys.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));
        return key is null ? null : (key, descending);
    }
}
