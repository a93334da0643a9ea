using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Infrastructure;

public static class EndpointGroups
{
    /// <summary>Public, cacheable, readable from other origins.</summary>
    public static RouteGroupBuilder WithDelivery(this RouteGroupBuilder group)
    {
        group.RequireCors(Hosting.DeliveryCorsPolicy).WithValidation().CacheOutput(DeliveryCache.PolicyName).WithMetadata(new DeliveryEndpointMetadata());
        group.AddEndpointFilter(DeliveryQueryParameters.RefuseUnknownAsync).ProducesValidationProblem();
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            SendDeliveryCacheControl(http);
            var result = await next(context);
            return result is IResult inner && HttpMethods.IsGet(http.Request.Method) ? new ETaggedResult(inner) : result;
        });
        return group;
    }

    /// <summary>
    /// The Cache-Control of a delivery answer worth keeping (200, 301, 304); also for answers the server cache gives,
    /// which never reach the endpoint (<see cref="DeliveryCachePolicy"/>).
    /// </summary>
    internal static void SendDeliveryCacheControl(HttpContext http)
    {
        var caching = http.RequestServices.GetRequiredService<IOptions<CmsOptions>>().Value.Caching;
        http.Response.OnStarting(() =>
        {
            if (http.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified or StatusCodes.Status301MovedPermanently)
            {
                http.Response.Headers.CacheControl = $"public, max-age={caching.MaxAgeSeconds}, stale-while-revalidate={caching.StaleWhileRevalidateSeconds}";
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Needs an API key of the given policy; never cached.</summary>
    public static RouteGroupBuilder WithManagement(this RouteGroupBuilder group, string policy)
    {
        group.RequireAuthorization(policy).WithValidation().WithMetadata(new ManagementEndpointMetadata());
        group.ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem();
        // Writes evict cached delivery responses once they commit (ContentChangeInterceptor), not here.
        group.AddEndpointFilter((context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return next(context);
        });
        return group;
    }
}

/// <summary>
/// Marks cached delivery operations (<see cref="EndpointGroups.WithDelivery"/>): the OpenAPI document declares their
/// conditional GET (If-None-Match, 304, ETag), Cache-Control and the 400 for unknown query parameters.
/// </summary>
public sealed class DeliveryEndpointMetadata;

/// <summary>Marks management operations, for the OpenAPI security requirement and the access-control test.</summary>
public sealed class ManagementEndpointMetadata;
