using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Data;
using HeadlessCms.Data.Articles;
using Microsoft.EntityFrameworkCore;

namespace HeadlessCms.Api.Articles;

/// <summary>Slugs of every slugged entity (articles, categories): making one, finding a free one, saving a made one,
/// and retiring an article's old one.</summary>
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

    public static Task<bool> IsTakenAsync<T>(this IQueryable<T> rows, string slug, CancellationToken cancellationToken) where T : class, ISlugged =>
        rows.AnyAsync(r => EF.Property<string>(r, nameof(ISlugged.Slug)) == slug, cancellationToken);

    /// <summary>The first free slug of base, base-2, base-3, ... as the rows stand now.</summary>
    public static async Task<string> FreeAsync<T>(this IQueryable<T> rows, string baseSlug, CancellationToken cancellationToken) where T : class, ISlugged =>
        FirstFree(baseSlug, await TakenLikeAsync(rows, baseSlug, cancellationToken));

    /// <summary>Saves a new row; when its slug was made from <paramref name="madeFrom"/> rather than given, a lost race
    /// for it moves the row on to the next free one (see <see cref="SaveWithMadeSlugAsync"/>).</summary>
    public static Task SaveNewAsync<T>(DbContext db, T row, string? madeFrom, CancellationToken cancellationToken) where T : class, ISlugged =>
        madeFrom is null
            ? db.SaveChangesAsync(cancellationToken)
            : SaveWithMadeSlugAsync(db, madeFrom, () => row.Slug, slug => row.Slug = slug,
                (stem, ct) => TakenLikeAsync(db.Set<T>(), stem, ct), cancellationToken);

    /// <summary>Frees <paramref name="newSlug"/> if it is a former slug of any article, then keeps the article's current
    /// slug as a former one (for the 301) and moves the article to the new slug.</summary>
    public static async Task RetireAsync(CmsDbContext db, Article article, string newSlug, DateTime now, CancellationToken cancellationToken)
    {
        // Either may be a former slug of any article; the unique index allows each once.
        db.FormerSlugs.RemoveRange(await db.FormerSlugs.AsTracking().Where(f => f.Slug == article.Slug || f.Slug == newSlug).ToListAsync(cancellationToken));
        article.ChangeSlug(newSlug, now);
    }

    /// <summary>The slugs in use that a slug made from <paramref name="baseSlug"/> could collide with.</summary>
    private static Task<List<string>> TakenLikeAsync<T>(IQueryable<T> rows, string baseSlug, CancellationToken cancellationToken) where T : class, ISlugged
    {
        var prefix = baseSlug + "-";
        // A range rather than LIKE: "base-..." sorts between "base-" and "base." in byte order, and a range is an
        // index seek on every provider and collation setting.
        var after = baseSlug + ".";
        return rows.Where(r => EF.Property<string>(r, nameof(ISlugged.Slug)) == baseSlug
                || (string.Compare(EF.Property<string>(r, nameof(ISlugged.Slug)), prefix) > 0 && string.Compare(EF.Property<string>(r, nameof(ISlugged.Slug)), after) < 0))
            .Select(r => EF.Property<string>(r, nameof(ISlugged.Slug))).ToListAsync(cancellationToken);
    }

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
