using SkiaSharp;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Storage.Outputs;
using TileCluster.Storage.Tests.Outputs.Jpeg;

namespace TileCluster.Storage.Tests.Outputs;

/// <summary>
/// JPEG strips encoded as the silos do (Skia, 4:2:0, quality 90, Huffman tables optimised per strip)
/// and joined into one scan decode to exactly the pixels of the same image encoded in one piece.
/// </summary>
public sealed class JpegStreamWriterTests
{
    private static readonly SKJpegEncoderOptions Encoding = new(90, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(100, 100, 32)]
    [InlineData(257, 70, 16)]
    [InlineData(64, 64, 64)] // one strip
    [InlineData(33, 200, 48)]
    [InlineData(700, 685, 64)] // the export tests' Vaduz image in their strips
    public async Task Strips_Joined_DecodeToTheOnePieceImage(int width, int height, int rows)
    {
        using var image = TestJpegs.Picture(width, height);

        byte[] joined = await JoinAsync(image, rows);

        Assert.Equal(0, TestJpegs.DifferingPixels(Encode(image, 0, height), joined));
    }

    [Fact]
    public async Task StripOfAnotherQuality_IsRefusedNamingTheQuantisation()
    {
        using var image = TestJpegs.Picture(64, 64);
        using var output = new MemoryStream();
        var writer = new JpegStreamWriter(output);
        await writer.WriteHeaderAsync(64, 64, Cancel);
        await writer.WriteStripAsync(Strip(Encode(image, 0, 32)), Cancel);

        var other = new SKJpegEncoderOptions(50, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => writer.WriteStripAsync(Strip(Encode(image, 32, 32, other)), Cancel));

        Assert.Contains("strip 1 has other quantisation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StripAfterOneOfPartMcuRows_IsRefused()
    {
        using var image = TestJpegs.Picture(64, 64);
        var writer = new JpegStreamWriter(Stream.Null);
        await writer.WriteHeaderAsync(64, 64, Cancel);
        await writer.WriteStripAsync(Strip(Encode(image, 0, 20)), Cancel);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => writer.WriteStripAsync(Strip(Encode(image, 20, 16)), Cancel));

        Assert.Contains("strip 1 follows the last strip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooFewRows_TheEndIsRefused()
    {
        using var image = TestJpegs.Picture(64, 64);
        var writer = new JpegStreamWriter(Stream.Null);
        await writer.WriteHeaderAsync(64, 64, Cancel);
        await writer.WriteStripAsync(Strip(Encode(image, 0, 32)), Cancel);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteEndAsync(Cancel));

        Assert.Contains("32 of the image's 64 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotAJpeg_IsRefused()
    {
        var writer = new JpegStreamWriter(Stream.Null);
        await writer.WriteHeaderAsync(64, 64, Cancel);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => writer.WriteStripAsync(Strip([0x89, 0x50, 0x4E, 0x47, 0, 0]), Cancel));

        Assert.Contains("strip 0 is not a whole JPEG", error.Message, StringComparison.Ordinal);
    }

    private static async Task<byte[]> JoinAsync(SKBitmap image, int rows)
    {
        using var output = new MemoryStream();
        var writer = new JpegStreamWriter(output);
        await writer.WriteHeaderAsync(image.Width, image.Height, Cancel);
        for (int top = 0; top < image.Height; top += rows)
        {
            await writer.WriteStripAsync(Strip(Encode(image, top, Math.Min(rows, image.Height - top))), Cancel);
        }

        await writer.WriteEndAsync(Cancel);
        return output.ToArray();
    }

    private static ExportStrip Strip(byte[] bytes) => ExportStrip.Ok(bytes, Adler32.Initial, 0);

    private static byte[] Encode(SKBitmap image, int top, int rows, SKJpegEncoderOptions? options = null) =>
        TestJpegs.Encode(image, top, rows, options ?? Encoding);
}
