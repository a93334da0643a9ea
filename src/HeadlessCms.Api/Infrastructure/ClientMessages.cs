using System.Text.RegularExpressions;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// System.Text.Json explains itself in .NET terms ("could not be mapped to any .NET member contained in type
/// 'HeadlessCms.Api.Categories.CategoryRequest'", "could not be converted to System.Int32"): a client needs the JSON
/// terms, and has no business learning our type names.
/// </summary>
public static partial class ClientMessages
{
    public static string WithoutTypeNames(string message)
    {
        message = UnmappedMember().Replace(message, "is not a field of this request");
        message = DuplicateProperty().Replace(message, "appears more than once (field names are not case-sensitive)");
        return TypeName().Replace(message, m => Friendly(m.Groups["name"].Value));
    }

    private static string Friendly(string type) => type switch
    {
        "Int16" or "Int32" or "Int64" or "UInt16" or "UInt32" or "UInt64" or "Byte" or "SByte" => "an integer",
        "Decimal" or "Double" or "Single" => "a number",
        "String" or "Char" => "a string",
        "Boolean" => "true or false",
        "DateTime" or "DateTimeOffset" or "DateOnly" => "a date-time (ISO 8601)",
        "Guid" => "a UUID",
        _ => "a value of the expected form",
    };

    [GeneratedRegex(@"could not be mapped to any \.NET member contained in type '[^']*'", RegexOptions.CultureInvariant)]
    private static partial Regex UnmappedMember();

    [GeneratedRegex(@"(?:is a duplicate|is duplicated)[^.]*", RegexOptions.CultureInvariant)]
    private static partial Regex DuplicateProperty();

    // Namespaced .NET names (System.Int32, HeadlessCms.Api.X, System.Nullable`1[System.Int32]), quoted or not.
    [GeneratedRegex(@"'?\b(?:System|Microsoft|HeadlessCms)(?:\.[\w`\[\],]+)*\.(?<name>\w+)(?:`\d+)?(?:\[[^\]]*\])*'?", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();
}
