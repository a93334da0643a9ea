using System.Net;

namespace HeadlessCms.Api.Tests.Fixtures;

/// <summary>A body sent without Content-Length (chunked on a real connection): the server learns its size only by reading.</summary>
public sealed class UnknownLengthContent(byte[] bytes) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
