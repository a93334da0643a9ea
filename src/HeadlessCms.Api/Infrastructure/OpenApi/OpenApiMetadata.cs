using System.Text.Json.Nodes;
using HeadlessCms.Api.Infrastructure.Paging;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// What a feature tells the OpenAPI document about its endpoints, as endpoint metadata: the filters read it, so
/// the document needs no knowledge of the features.
/// </summary>
public static class OpenApiMetadata
{
    private static readonly string[] RelevanceSorts = ["relevance", "-relevance"];

    /// <summary>Puts the group under a tag, with the line Swagger UI shows under it.</summary>
    public static RouteGroupBuilder WithTag(this RouteGroupBuilder group, string name, string description) =>
        group.WithTags(name).WithMetadata(new TagMetadata(name, description));

    /// <summary>The request examples of a body the group's endpoints accept: one, or several by name.</summary>
    public static RouteGroupBuilder WithRequestExamples<TBody>(this RouteGroupBuilder group, params (string Name, JsonNode Value)[] examples) =>
        group.WithMetadata(new RequestExamplesMetadata(typeof(TBody), examples));

    /// <summary>Success responses of this type carry an ETag.</summary>
    public static RouteGroupBuilder WithETagOn<TResponse>(this RouteGroupBuilder group) =>
        group.WithMetadata(new ETaggedResponseMetadata(typeof(TResponse)));

    /// <summary>
    /// A header the endpoint itself sets on a response (the pipeline's own headers the filters declare). Required means
    /// every response of that status carries it, which the test suite's response validation holds the server to.
    /// </summary>
    public static TBuilder WithResponseHeader<TBuilder>(this TBuilder builder, int status, string name, string description, bool required = true)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ResponseHeaderMetadata(status.ToString(System.Globalization.CultureInfo.InvariantCulture), name, description, required));

    /// <summary>Documents the sort values a list accepts (they are checked by the pager, which answers 400 otherwise).</summary>
    /// <param name="builder">The list endpoint.</param>
    /// <param name="sorts">Its sort options.</param>
    /// <param name="searchable">True where q is accepted, which adds relevance ranking on PostgreSQL.</param>
    public static RouteHandlerBuilder WithSortValues<TEntity>(this RouteHandlerBuilder builder, SortOptions<TEntity> sorts, bool searchable = false) =>
        builder.WithMetadata(new SortValuesMetadata([.. sorts.Allowed, .. searchable ? RelevanceSorts : []], sorts.DefaultSort, searchable));
}

internal sealed record TagMetadata(string Name, string Description);

internal sealed record RequestExamplesMetadata(Type BodyType, IReadOnlyList<(string Name, JsonNode Value)> Examples);

internal sealed record ETaggedResponseMetadata(Type ResponseType);

internal sealed record ResponseHeaderMetadata(string Status, string Name, string Description, bool Required);

internal sealed record SortValuesMetadata(IReadOnlyList<string> Values, string Default, bool Searchable);
