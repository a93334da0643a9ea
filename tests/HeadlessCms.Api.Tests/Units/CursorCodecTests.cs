using System.Security.Cryptography;
using System.Text;
using HeadlessCms.Api.Infrastructure;
using HeadlessCms.Api.Infrastructure.Paging;
using Microsoft.Extensions.Options;

namespace HeadlessCms.Api.Tests.Units;

/// <summary>The cursor codec as a pure function: what it encodes comes back, and anything else is refused (null).</summary>
public sealed class CursorCodecTests
{
    private const string Key = "unit-test-cursor-key";
    private readonly CursorCodec codec = Codec(Key);

    private static CursorCodec Codec(string key) => new(Options.Create(new CmsOptions { CursorSigningKey = key }));

    /// <summary>Cursors whose payloads cover every base64 remainder and, between them, '+' and '/' in plain base64.</summary>
    private static IEnumerable<Cursor> Many() =>
        Enumerable.Range(0, 120).Select(i => new Cursor(
            (CursorDirection)(i % 3), i % 2 == 0 ? "-publishedAt" : "title", $"category=c{i}&q={new string('?', i % 7)}",
            i % 5 == 0 ? null : $"2026-01-{i % 28 + 1:00}T10:{i % 60:00}:00.{i:000000}Z|ÿ>{new string('~', i % 4)}", i * 7919));

    [Fact]
    public void EveryCursorComesBackAsItWasMade()
    {
        foreach (var cursor in Many())
        {
            Assert.Equal(cursor, codec.Decode(codec.Encode(cursor)));
        }
    }

    [Fact]
    public void ACursorIsUrlSafeTextWithOneDotAndNoPadding()
    {
        foreach (var cursor in Many())
        {
            var text = codec.Encode(cursor);
            Assert.Single(text, c => c == '.');
            Assert.DoesNotContain(text, c => c is '+' or '/' or '=' or '%' or '&');
            Assert.Equal(text, Uri.EscapeDataString(text));
        }
    }

    [Fact]
    public void TheSameCursorAlwaysEncodesTheSameAndDifferentCursorsDifferently()
    {
        var cursor = new Cursor(CursorDirection.After, "title", "", "k", 1);
        Assert.Equal(codec.Encode(cursor), codec.Encode(cursor with { }));
        Assert.NotEqual(codec.Encode(cursor), codec.Encode(cursor with { Id = 2 }));
        Assert.NotEqual(codec.Encode(cursor), codec.Encode(cursor with { Direction = CursorDirection.Before }));
    }

    [Fact]
    public void ACursorSignedWithAnotherKeyIsRefused()
    {
        var cursor = new Cursor(CursorDirection.After, "title", "", "k", 1);
        Assert.Null(codec.Decode(Codec("another key").Encode(cursor)));
        Assert.Equal(cursor, Codec(Key).Decode(codec.Encode(cursor)));
    }

    [Fact]
    public void ChangingAnyCharacterOfACursorGetsItRefused()
    {
        var text = codec.Encode(new Cursor(CursorDirection.Last, "-publishedAt", "category=news", "2026-01-01T00:00:00.000000Z", 42));
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '.')
            {
                continue;
            }

            var tampered = text[..i] + (text[i] == 'A' ? 'B' : 'A') + text[(i + 1)..];
            var decoded = codec.Decode(tampered);
            // The last character of each part may carry only padding bits that base64 ignores; then it decodes the same.
            Assert.True(decoded is null || decoded == codec.Decode(text), $"character {i} changed: {tampered}");
        }
    }

    [Fact]
    public void AnotherCursorsSignatureDoesNotFit()
    {
        var one = codec.Encode(new Cursor(CursorDirection.After, "title", "", "a", 1));
        var two = codec.Encode(new Cursor(CursorDirection.After, "title", "", "a", 2));
        Assert.Null(codec.Decode(one[..one.IndexOf('.')] + two[two.IndexOf('.')..]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot-here")]
    [InlineData(".")]
    [InlineData(".c2lnbmF0dXJl")]
    [InlineData("eyJ9.")]
    [InlineData("not base64!.sig")]
    [InlineData("eyJkIjowfQ.***")]
    [InlineData("a.b.c")]
    public void TextThatIsNoCursorIsRefusedWithoutThrowing(string text) => Assert.Null(codec.Decode(text));

    [Fact]
    public void ASignedPayloadThatIsNotACursorIsRefused()
    {
        foreach (var payload in new[] { "not json", "{\"d\":\"sideways\"}", "{\"d\":0,\"i\":\"one\"}", "[1,2]", "null" })
        {
            Assert.Null(codec.Decode(SignedText(payload)));
        }

        // The same signing, on a real cursor's JSON, is accepted: so the refusals above are about the payload.
        Assert.Equal(new Cursor(CursorDirection.Before, "s", "f", null, 3), codec.Decode(SignedText("{\"d\":1,\"s\":\"s\",\"f\":\"f\",\"k\":null,\"i\":3}")));
    }

    [Fact]
    public void AnOverlongCursorIsRefusedEvenWhenItsSignatureHolds()
    {
        var small = new Cursor(CursorDirection.After, "title", "", new string('k', 1400), 1);
        var large = small with { Key = new string('k', 1500) };
        Assert.True(codec.Encode(small).Length <= 2000);
        Assert.Equal(small, codec.Decode(codec.Encode(small)));
        Assert.True(codec.Encode(large).Length > 2000);
        Assert.Null(codec.Decode(codec.Encode(large)));
    }

    private static string SignedText(string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        return Url(bytes) + "." + Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), bytes)[..16]);
    }

    private static string Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
