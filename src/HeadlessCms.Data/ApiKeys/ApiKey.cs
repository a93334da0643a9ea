namespace HeadlessCms.Data.ApiKeys;

public sealed class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }

    /// <summary>SHA-256 of the key; the key itself is shown once, at creation, and never stored.</summary>
    public required byte[] KeyHash { get; set; }

    /// <summary>The first characters of the key, so editors can tell their keys apart.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}

public static class ApiKeyRoles
{
    /// <summary>Writes drafts of its own and submits them for review; cannot publish or touch anyone else's work.</summary>
    public const string Author = "author";
    public const string Editor = "editor";
    public const string Admin = "admin";
    public static readonly string[] All = [Author, Editor, Admin];
}
