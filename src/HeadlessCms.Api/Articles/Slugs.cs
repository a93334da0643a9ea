using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HeadlessCms.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Articles;

public static partial class Slugs
{
    public const int MaxLength = 100;

    // \A and \z, not ^ and $: in .NET, $ also matches before a final "\n", which would let "slug\n" through.
    [GeneratedRegex(@"\A[a-z0-9]+(-[a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    public static partial Regex Pattern();

    public static bool IsValid(string slug) => slug.Length <= MaxLength && Pattern().IsMatch(slug);

    /// <summary>"Café Déjà Vu" → "cafe-deja-vu": accents folded, every other run of characters one hyphen, cut at a word.</summary>
    public static string From(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= '\u0300' and <= '\u036F')
            {
                continue; // a combining accent of already decomposed text
            }

            var lower = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                folded.Append(lower);
            }
            else if (c >= FoldedFrom && c - FoldedFrom < Folded.Length && Folded[c - FoldedFrom] is not "-" and var letters)
            {
                folded.Append(letters);
            }
            else
            {
                folded.Append('-');
            }
        }

        var slug = HyphenRuns().Replace(folded.ToString(), "-").Trim('-');
        if (slug.Length > MaxLength)
        {
            var cut = slug.LastIndexOf('-', MaxLength);
            slug = cut > 0 ? slug[..cut] : slug[..MaxLength];
        }

        return slug.Length == 0 ? "untitled" : slug;
    }

    // The app runs with InvariantGlobalization (no ICU), where string.Normalize cannot split "é" into "e" and an
    // accent. So Latin letters (Latin-1 Supplement and Latin Extended-A, U+00C0-U+017F) fold by this table, the same
    // on every machine; "-" marks a symbol such as × or ÷.
    private const char FoldedFrom = '\u00C0';

    private static readonly string[] Folded = (
        "a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th ss " +
        "a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th y " +
        "a a a a a a c c c c c c c c d d d d e e e e e e e e e e g g g g " +
        "g g g g h h h h i i i i i i i i i i ij ij j j k k k l l l l l l l " +
        "l l l n n n n n n n n n o o o o o o oe oe r r r r r r s s s s s s " +
        "s s t t t t t t u u u u u u u u u u u u w w y y y z z z z z z s").Split(' ');

    [GeneratedRegex("-{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex HyphenRuns();

    /// <summary>
    /// Saves a new row whose slug was made, not given. Two editors creating "Budget vote" at once both find
    /// "budget-vote" free; the unique index lets one win, and the other takes the next number rather than failing a
    /// request whose slug it never chose.
    /// </summary>
    public static async Task SaveWithMadeSlugAsync(DbContext db, string baseSlug, Func<string> current, Action<string> set,
        Func<string, CancellationToken, Task<List<string>>> takenLike, CancellationToken cancellationToken)
    {
        var tried = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException e) when (attempt < 20 && DatabaseErrors.IsUniqueViolation(e))
            {
                // Never offer again a slug this request already lost, whatever the next read shows.
                tried.Add(current());
                tried.UnionWith(await takenLike(baseSlug, cancellationToken));
                set(FirstFree(baseSlug, tried));
            }
        }
    }

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
