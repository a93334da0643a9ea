using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HeadlessCms.Api.Articles;

public static partial class Slugs
{
    public const int MaxLength = 100;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    public static partial Regex Pattern();

    public static bool IsValid(string slug) => slug.Length <= MaxLength && Pattern().IsMatch(slug);

    /// <summary>"Café Déjà Vu" → "cafe-deja-vu": accents folded, every other run of characters one hyphen, cut at a word.</summary>
    public static string From(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(Fold(c));
            folded.Append(lower is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? lower : '-');
        }

        var slug = HyphenRuns().Replace(folded.ToString(), "-").Trim('-');
        if (slug.Length > MaxLength)
        {
            var cut = slug.LastIndexOf('-', MaxLength);
            slug = cut > 0 ? slug[..cut] : slug[..MaxLength];
        }

        return slug.Length == 0 ? "untitled" : slug;
    }

    /// <summary>Letters that Unicode does not decompose into a base letter and an accent.</summary>
    private static char Fold(char c) => c switch
    {
        'ø' or 'Ø' => 'o',
        'đ' or 'Đ' => 'd',
        'ł' or 'Ł' => 'l',
        'ß' => 's',
        'æ' or 'Æ' => 'a',
        'œ' or 'Œ' => 'o',
        'ı' => 'i',
        _ => c,
    };

    [GeneratedRegex("-{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex HyphenRuns();

    /// <summary>The first of base, base-2, base-3, ... not in use.</summary>
    public static string FirstFree(string baseSlug, IReadOnlyCollection<string> taken)
    {
        if (!taken.Contains(baseSlug))
        {
            return baseSlug;
        }

        for (var n = 2; ; n++)
        {
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            var stem = baseSlug.Length + suffix.Length > MaxLength ? baseSlug[..(MaxLength - suffix.Length)].TrimEnd('-') : baseSlug;
            var candidate = stem + suffix;
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}
