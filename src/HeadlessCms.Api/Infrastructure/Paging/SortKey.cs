using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Infrastructure.Paging;

/// <summary>A field a list can be sorted by; rows are ordered by (key, id) so the order is total and keyset-seekable.</summary>
public interface ISortKey<TEntity>
{
    string Name { get; }

    /// <summary>
    /// Up to <paramref name="take"/> rows in (key, id) order: after a position (keyset), or after skipping
    /// <paramref name="offset"/> rows, which walks only the index for the skipped ones and fetches just the page.
    /// </summary>
    /// <remarks>
    /// With several <paramref name="parts"/> (disjoint subsets of <paramref name="query"/>, such as one per category), each
    /// part is walked in its own index range, ordered and limited, and the walks are merged (UNION ALL): the database
    /// reads about as many rows as the page holds, however rare the parts are in the whole.
    /// </remarks>
    Task<List<KeyedRow<TItem>>> FetchAsync<TItem>(IQueryable<TEntity> query, bool descending, CursorPosition? after, int offset, int take,
        Expression<Func<TEntity, TItem>> projection, CancellationToken cancellationToken, IReadOnlyList<IQueryable<TEntity>>? parts = null);

    /// <summary>Checks that a cursor's key text parses as this key's type.</summary>
    bool IsValidKey(string keyText);
}

/// <summary>A projected row with the sort values it was found at, from which cursors are made.</summary>
public sealed class KeyedRow<TItem>
{
    public required TItem Item { get; init; }
    public required string Key { get; init; }
    public required int Id { get; init; }
}

/// <summary>A position in (key, id) order; rows after it, or from it on when <paramref name="Inclusive"/>.</summary>
public sealed record CursorPosition(string Key, int Id, bool Inclusive = false);

public static class SortKey
{
    public static SortKey<TEntity, TKey> For<TEntity, TKey>(string name, Expression<Func<TEntity, TKey>> key, Expression<Func<TEntity, int>> id) =>
        new(name, key, id);
}

public sealed class SortKey<TEntity, TKey>(string name, Expression<Func<TEntity, TKey>> key, Expression<Func<TEntity, int>> id) : ISortKey<TEntity>
{
    public string Name => name;

    public async Task<List<KeyedRow<TItem>>> FetchAsync<TItem>(IQueryable<TEntity> query, bool descending, CursorPosition? after,
        int offset, int take, Expression<Func<TEntity, TItem>> projection, CancellationToken cancellationToken,
        IReadOnlyList<IQueryable<TEntity>>? parts = null)
    {
        if (parts is { Count: > 1 })
        {
            // Each part is one ordered, LIMITed index walk; PostgreSQL merges them (Merge Append) and stops at the page.
            // Only ids and keys go through the merge (index-only walks); the page's own rows are then read by id.
            var merged = parts.Select(part => Order(after is null ? part : part.Where(Seek(Parse(after.Key)!, after.Id, descending, after.Inclusive)), descending)
                .Take(offset + take)).Aggregate(Queryable.Concat);
            var pageIds = Order(merged, descending).Skip(offset).Take(take).Select(id);
            query = query.Where(Contains(pageIds));
            offset = 0;
            after = null;
        }

        if (after is not null)
        {
            query = query.Where(Seek(Parse(after.Key)!, after.Id, descending, after.Inclusive));
        }

        if (offset > 0)
        {
            // A deferred join: the skipped rows are walked in the index alone, then only the page's rows are read.
            var pageIds = Order(query, descending).Skip(offset).Take(take).Select(id);
            query = query.Where(Contains(pageIds));
        }

        // EF puts ORDER BY ... LIMIT in a subquery and joins the category to the page afterwards (also when the
        // projection comes first): the index walk reads only the page; the database re-sorts just those rows.
        var rows = await Order(query, descending).Take(take).Select(Row(projection)).ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new KeyedRow<TItem> { Item = r.Item, Key = Format(r.Key), Id = r.Id });
    }

    public bool IsValidKey(string keyText)
    {
        try
        {
            return Parse(keyText) is not null;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private IOrderedQueryable<TEntity> Order(IQueryable<TEntity> query, bool descending) => descending
        ? query.OrderByDescending(key).ThenByDescending(id)
        : query.OrderBy(key).ThenBy(id);

    /// <summary>
    /// key &lt;= k AND (key &lt; k OR id &lt; i) for a descending order (mirrored for ascending). The redundant first
    /// term gives the database an index range to start from, so a deep page costs what the first one does.
    /// </summary>
    private Expression<Func<TEntity, bool>> Seek(TKey value, int lastId, bool descending, bool inclusive)
    {
        var parameter = key.Parameters[0];
        var keyBody = key.Body;
        var idBody = new ParameterReplacer(id.Parameters[0], parameter).Visit(id.Body);
        var keyValue = Parameterized(value);
        var idValue = Parameterized(lastId);

        var bound = Compare(keyBody, keyValue, descending ? ExpressionType.LessThanOrEqual : ExpressionType.GreaterThanOrEqual);
        var strictly = Compare(keyBody, keyValue, descending ? ExpressionType.LessThan : ExpressionType.GreaterThan);
        var idPast = (descending, inclusive) switch
        {
            (true, false) => Expression.LessThan(idBody, idValue),
            (true, true) => Expression.LessThanOrEqual(idBody, idValue),
            (false, false) => Expression.GreaterThan(idBody, idValue),
            (false, true) => Expression.GreaterThanOrEqual(idBody, idValue),
        };
        var body = Expression.AndAlso(bound, Expression.OrElse(strictly, idPast));
        return Expression.Lambda<Func<TEntity, bool>>(body, parameter);
    }

    private static BinaryExpression Compare(Expression left, Expression right, ExpressionType comparison)
    {
        if (typeof(TKey) == typeof(string))
        {
            var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
            return Expression.MakeBinary(comparison, Expression.Call(compare, left, right), Expression.Constant(0));
        }

        return Expression.MakeBinary(comparison, left, right);
    }

    private Expression<Func<TEntity, RawRow<TItem>>> Row<TItem>(Expression<Func<TEntity, TItem>> projection)
    {
        var parameter = projection.Parameters[0];
        var keyBody = new ParameterReplacer(key.Parameters[0], parameter).Visit(key.Body);
        var idBody = new ParameterReplacer(id.Parameters[0], parameter).Visit(id.Body);
        var rowType = typeof(RawRow<TItem>);
        var init = Expression.MemberInit(Expression.New(rowType),
            Expression.Bind(rowType.GetProperty(nameof(RawRow<TItem>.Item))!, projection.Body),
            Expression.Bind(rowType.GetProperty(nameof(RawRow<TItem>.Key))!, keyBody),
            Expression.Bind(rowType.GetProperty(nameof(RawRow<TItem>.Id))!, idBody));
        return Expression.Lambda<Func<TEntity, RawRow<TItem>>>(init, parameter);
    }

    private Expression<Func<TEntity, bool>> Contains(IQueryable<int> ids)
    {
        // A parameter of its own: the subquery's Select already uses id's, and EF cannot tell two lambdas sharing one apart.
        var parameter = Expression.Parameter(typeof(TEntity), "row");
        var idBody = new ParameterReplacer(id.Parameters[0], parameter).Visit(id.Body);
        var contains = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(int)], ids.Expression, idBody);
        return Expression.Lambda<Func<TEntity, bool>>(contains, parameter);
    }

    private sealed class RawRow<TItem>
    {
        public TItem Item { get; init; } = default!;
        public TKey Key { get; init; } = default!;
        public int Id { get; init; }
    }

    internal static string Format(TKey value) => value switch
    {
        DateTime d => d.Ticks.ToString(CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? string.Empty,
    };

    private static TKey? Parse(string text)
    {
        object? value = typeof(TKey) switch
        {
            var t when t == typeof(DateTime) => new DateTime(long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture), DateTimeKind.Utc),
            var t when t == typeof(int) => int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            var t when t == typeof(float) => float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            var t when t == typeof(string) => text,
            _ => throw new NotSupportedException($"Sort keys of type {typeof(TKey)} are not supported."),
        };
        return (TKey?)value;
    }

    private static MemberExpression Parameterized<T>(T value) =>
        Expression.Property(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed class Box<T>(T value)
    {
        public T Value { get; } = value;
    }
}

internal sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
}
