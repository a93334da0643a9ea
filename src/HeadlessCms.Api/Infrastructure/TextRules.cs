namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Control characters (NUL, escape sequences, C1 codes) in a title or a name end up in HTML, feeds and terminals that
/// show them: PostgreSQL refuses NUL outright while SQLite stores it, so they are refused by validation, the same on both.
/// </summary>
public static class TextRules
{
    /// <summary>One-line text (titles, names, authors): no control character at all.</summary>
    public static bool IsSingleLine(string? text) => text is null || !text.Any(char.IsControl);

    /// <summary>Prose (summaries, descriptions): line breaks and tabs are fine, other control characters are not.</summary>
    public static bool IsProse(string? text) => text is null || !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
}
