using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Infrastructure;

public static class EndpointGroups
{
    /// <summary>Public, cacheable, readable from other origins.</summary>
    public static RouteGroupBuilder WithDelivery(this RouteGroupBuilder group)
    {
        group.RequireCors(Hosting.DeliveryCorsPolicy).WithValidation();
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caching = http.RequestServices.GetRequiredService<IOptions<CmsOptions>>().Value.Caching;
            http.Response.OnStarting(() =>
            {
                if (http.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified or StatusCodes.Status301MovedPermanently)
                {
                    http.Response.Headers.CacheControl = $"public, max-age={caching.MaxAgeSeconds}, stale-while-revalidate={caching.StaleWhileRevalidateSeconds}";
                }

                return Task.CompletedTask;
            });
            return await next(context);
        });
        return group;
    }

    /// <summary>Needs an API key of the given policy; never cached.</summary>
    public static RouteGroupBuilder WithManagement(this RouteGroupBuilder group, string policy)
    {
        group.RequireAuthorization(policy).WithValidation().WithMetadata(new ManagementEndpointMetadata());
        group.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem();
        group.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        return group;
    }
}

/// <summary>Marks management operations, for the OpenAPI security requirement and the access-control test.</summary>
public sealed class ManagementEndpointMetadata;
