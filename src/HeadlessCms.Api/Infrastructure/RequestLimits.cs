using Microsoft.AspNetCore.Http.Features;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// Refuses oversized requests up front, with a problem, on every server: Kestrel has its own limits, but the test
/// server and other hosts have none, and a chunked body has no Content-Length to judge by.
/// </summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next)
{
    public const int MaxQueryStringLength = 4 * 1024;
    public const int MaxPathLength = 2 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.QueryString.Value?.Length > MaxQueryStringLength || request.Path.Value?.Length > MaxPathLength)
        {
            await ErrorHandling.WriteProblemAsync(context, null, StatusCodes.Status414UriTooLong, "URI too long",
                $"The path may be at most {MaxPathLength} characters and the query string at most {MaxQueryStringLength}.");
            return;
        }

        if (HeaderBytes(request.Headers) > MaxHeaderBytes)
        {
            await ErrorHandling.WriteProblemAsync(context, null, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large",
                $"The request headers may be at most {MaxHeaderBytes / 1024} KB in all.");
            return;
        }

        if (request.ContentLength > Hosting.MaxRequestBodyBytes)
        {
            await TooLargeAsync(context);
            return;
        }

        if (request.ContentLength is null && MayHaveBody(context))
        {
            // Without a length (chunked), read at most the limit plus one byte: only then is "too large" known.
            var buffered = new MemoryStream();
            try
            {
                await request.Body.CopyToAsync(new LimitedWriteStream(buffered, Hosting.MaxRequestBodyBytes), context.RequestAborted);
            }
            catch (Exception e) when (e is LimitExceededException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                await TooLargeAsync(context);
                return;
            }

            buffered.Position = 0;
            request.Body = buffered;
            request.ContentLength = buffered.Length;
            context.Response.RegisterForDispose(buffered);
        }

        await next(context);
    }

    private static async Task TooLargeAsync(HttpContext context) => await ErrorHandling.WriteProblemAsync(context, null, StatusCodes.Status413PayloadTooLarge,
        "Request body too large", "The request body exceeds the limit of 1 MB.");

    private static bool MayHaveBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true
        || context.Request.Headers.TransferEncoding.Count > 0
        || HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method) || HttpMethods.IsPatch(context.Request.Method);

    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                total += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        return total;
    }

    private sealed class LimitExceededException : Exception;

    /// <summary>Accepts writes up to a byte limit, then refuses.</summary>
    private sealed class LimitedWriteStream(Stream inner, long limit) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (inner.Length + buffer.Length > limit)
            {
                throw new LimitExceededException();
            }

            inner.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
