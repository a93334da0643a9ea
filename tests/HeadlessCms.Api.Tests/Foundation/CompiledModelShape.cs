using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HeadlessCms.Api.Tests.Foundation;

/// <summary>
/// What a compiled (read-optimized) model keeps of the model, one line per fact, to compare it with a model built from
/// the configuration classes: entity types, their properties, keys, relationships and navigations, and the tables,
/// columns and indexes they map to. (EF Core's migrations differ needs design-time facts a compiled model drops.)
/// </summary>
internal static class CompiledModelShape
{
    public static IReadOnlyList<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var entity in model.GetEntityTypes())
        {
            var e = $"entity {entity.Name} table {entity.GetTableName()}";
            lines.Add(e);
            lines.AddRange(entity.GetProperties().Select(p =>
                $"{e} property {p.Name} {p.ClrType} nullable={p.IsNullable} max={p.GetMaxLength()} token={p.IsConcurrencyToken} generated={p.ValueGenerated} converter={p.GetValueConverter()?.ProviderClrType}"));
            lines.AddRange(entity.GetKeys().Select(k => $"{e} key {Names(k.Properties)} primary={k.IsPrimaryKey()}"));
            lines.AddRange(entity.GetForeignKeys().Select(f =>
                $"{e} foreign key {Names(f.Properties)} -> {f.PrincipalEntityType.Name} {f.DeleteBehavior} required={f.IsRequired} unique={f.IsUnique} ownership={f.IsOwnership}"));
            lines.AddRange(entity.GetNavigations().Select(n => $"{e} navigation {n.Name} collection={n.IsCollection}"));
        }

        foreach (var table in model.GetRelationalModel().Tables)
        {
            var t = $"table {table.SchemaQualifiedName}";
            lines.AddRange(table.Columns.Select(c => $"{t} column {c.Name} {c.StoreType} nullable={c.IsNullable}"));
            lines.AddRange(table.Indexes.Select(i => $"{t} index {i.Name} ({string.Join(", ", i.Columns.Select(c => c.Name))}) unique={i.IsUnique}"));
            lines.AddRange(table.UniqueConstraints.Select(u => $"{t} unique {u.Name} ({string.Join(", ", u.Columns.Select(c => c.Name))})"));
            lines.AddRange(table.ForeignKeyConstraints.Select(f => $"{t} foreign key {f.Name} -> {f.PrincipalTable.Name} {f.OnDeleteAction}"));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The facts only one of the two models has, for the failure message.</summary>
    public static string Difference(IModel built, IModel compiled)
    {
        var b = Describe(built);
        var c = Describe(compiled);
        return "Only in the model: " + string.Join("; ", b.Except(c)) + ". Only in the compiled model: " + string.Join("; ", c.Except(b));
    }

    private static string Names(IEnumerable<IReadOnlyProperty> properties) => string.Join(", ", properties.Select(p => p.Name));
}
