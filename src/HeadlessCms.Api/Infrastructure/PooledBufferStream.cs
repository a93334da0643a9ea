using System.Buffers;

namespace HeadlessCms.Api.Infrastructure;

/// <summary>
/// A write-only buffer for one response body on arrays from the shared pool: unlike a MemoryStream, growing it
/// allocates nothing per request (and never a large-object-heap array for a long article), and disposing it gives
/// the array back.
/// </summary>
internal sealed class PooledBufferStream : Stream
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int length;

    public ReadOnlySpan<byte> WrittenSpan => buffer.AsSpan(0, length);

    public ReadOnlyMemory<byte> WrittenMemory => buffer.AsMemory(0, length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => length;

    public override long Position
    {
        get => length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> span)
    {
        if (length + span.Length > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + span.Length));
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        span.CopyTo(buffer.AsSpan(length));
        length += span.Length;
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

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && length >= 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
            length = -1;
        }

        base.Dispose(disposing);
    }
}
