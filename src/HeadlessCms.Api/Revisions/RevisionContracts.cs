using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using HeadlessCms.Api.ApiKeys;
using HeadlessCms.Api.Infrastructure.Paging;
using HeadlessCms.Data.Articles;
using HeadlessCms.Data.Revisions;

namespace HeadlessCms.Api.Revisions;

/// <summary>A revision in the list: who saved which version when, without the body.</summary>
public sealed record RevisionListItem(
    long Version,
    DateTime CreatedAt,
    Actor? CreatedBy,
    string Title,
    string Slug,
    [property: AllowedValues(ArticleStatusNames.Draft, ArticleStatusNames.Scheduled, ArticleStatusNames.Published, ArticleStatusNames.Archived)] string Status,
    SelfLink Links)
{
    public static Expression<Func<ArticleRevision, RevisionListItem>> Projection(string itemUrlPrefix) => r => new RevisionListItem(
        r.Version, r.CreatedAt,
        r.CreatedByKeyId == null ? null : new Actor(r.CreatedByKeyId.Value, r.CreatedByName ?? ""),
        r.Title, r.Slug, ArticleStatusNames.Of(r.Status, r.PublishedAt, r.CreatedAt),
        new SelfLink(itemUrlPrefix + r.Version));
}

/// <summary>The full snapshot of an article at one version. Summary is the editor's summary then (generated summaries
/// are not kept: they follow the body).</summary>
public sealed record RevisionDetail(
    long Version,
    DateTime CreatedAt,
    Actor? CreatedBy,
    string Title,
    string Slug,
    string Body,
    int CategoryId,
    string? Author,
    string? FeaturedImageUrl,
    string? Summary,
    [property: AllowedValues(ArticleStatusNames.Draft, ArticleStatusNames.Scheduled, ArticleStatusNames.Published, ArticleStatusNames.Archived)] string Status,
    DateTime? PublishedAt)
{
    public static RevisionDetail From(ArticleRevision r) => new(r.Version, r.CreatedAt, Actor.Of(r.CreatedByKeyId, r.CreatedByName), r.Title, r.Slug,
        r.Body, r.CategoryId, r.Author, r.FeaturedImageUrl, r.EditorSummary, ArticleStatusNames.Of(r.Status, r.PublishedAt, r.CreatedAt), r.PublishedAt);
}

/// <summary>One field that differs; the body's difference is in <see cref="RevisionDiff.BodyDiff"/> instead.</summary>
public sealed record FieldChange(string Field, string? From, string? To);

/// <param name="Version">The revision asked for (the "to" side).</param>
/// <param name="Against">The revision compared with (the "from" side).</param>
/// <param name="Changes">Fields that differ, body excluded.</param>
/// <param name="BodyDiff">The body as a unified line diff (from the "against" version to this one), or null when equal.</param>
public sealed record RevisionDiff(long Version, long Against, IReadOnlyList<FieldChange> Changes, string? BodyDiff);
