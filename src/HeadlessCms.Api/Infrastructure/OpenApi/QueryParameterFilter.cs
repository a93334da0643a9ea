using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using HeadlessCms.Api.Infrastructure.Paging;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Query values bind as text; this gives them the JSON names clients send (camelCase), the types they must parse
/// as, and the values [AllowedValues] lists.
/// </summary>
internal sealed class QueryParameterFilter : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        if (parameter is not OpenApiParameter { In: ParameterLocation.Query } query || query.Name is null)
        {
            return;
        }

        query.Name = JsonNamingPolicy.CamelCase.ConvertName(query.Name);
        var description = query.Description ?? query.Schema?.Description;
        query.Schema = query.Name switch
        {
            "pageSize" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = PageRequestParser.MaxPageSize.ToString(), Default = PageRequestParser.DefaultPageSize },
            "since" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
            "page" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" },
            "includeTotal" or "replace" => new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = false },
            _ => new OpenApiSchema { Type = JsonSchemaType.String },
        };
        query.Description = description;
        // A list with its own default page size says so on the parameter ([DefaultValue]).
        var defaultValue = context.PropertyInfo?.GetCustomAttribute<System.ComponentModel.DefaultValueAttribute>()
            ?? context.ParameterInfo?.GetCustomAttribute<System.ComponentModel.DefaultValueAttribute>();
        if (defaultValue?.Value is int number)
        {
            ((OpenApiSchema)query.Schema).Default = number;
        }

        if (query.Name is "publishedFrom" or "publishedTo")
        {
            query.Example = "2026-01-31T08:00:00Z";
        }

        var allowed = context.PropertyInfo?.GetCustomAttribute<AllowedValuesAttribute>()
            ?? context.ParameterInfo?.GetCustomAttribute<AllowedValuesAttribute>();
        if (allowed is not null)
        {
            ((OpenApiSchema)query.Schema).Enum = [.. allowed.Values.Select(v => JsonValue.Create(v?.ToString())!)];
        }
    }
}
