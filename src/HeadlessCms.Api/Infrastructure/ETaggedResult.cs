using System.Security.Cryptography;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>Gives a delivery response without an ETag of its own one made from its body, and answers If-None-Match.</summary>
internal sealed class ETaggedResult(IResult inner) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var original = response.Body;
        using var buffer = new PooledBufferStream();
        response.Body = buffer;
        try
        {
            await inner.ExecuteAsync(httpContext);
        }
        finally
        {
            response.Body = original;
        }

        if (response.StatusCode == StatusCodes.Status200OK && string.IsNullOrEmpty(response.Headers.ETag))
        {
            var etag = "\"" + Convert.ToHexString(SHA256.HashData(buffer.WrittenSpan), 0, 12) + "\"";
            response.Headers.ETag = etag;
            if (ETags.IfNoneMatchHits(httpContext.Request, etag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.ContentType = default;
                return;
            }
        }

        if (buffer.Length > 0)
        {
            // Known now: sent with a Content-Length rather than chunked.
            response.ContentLength = buffer.Length;
            await original.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
        }
    }
}
