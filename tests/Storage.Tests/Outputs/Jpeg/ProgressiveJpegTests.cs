using SkiaSharp;
using TileCluster.Storage.Outputs.Jpeg;

namespace TileCluster.Storage.Tests.Outputs.Jpeg;

/// <summary>A baseline JPEG from Skia made progressive: the same pixels, delivered in seven scans.</summary>
public sealed class ProgressiveJpegTests
{
    [Theory]
    [InlineData(256, 256, SKJpegEncoderDownsample.Downsample420)]
    [InlineData(512, 512, SKJpegEncoderDownsample.Downsample420)]
    [InlineData(100, 37, SKJpegEncoderDownsample.Downsample420)] // blocks cut at the right and bottom
    [InlineData(70, 70, SKJpegEncoderDownsample.Downsample422)]
    [InlineData(33, 65, SKJpegEncoderDownsample.Downsample444)]
    public void FromBaseline_DecodesToTheSamePixels_InSevenScans(int width, int height, SKJpegEncoderDownsample downsample)
    {
        using var image = TestJpegs.Picture(width, height);
        byte[] baseline = TestJpegs.Encode(image, 0, height, new SKJpegEncoderOptions(85, downsample, SKJpegEncoderAlphaOption.Ignore));

        byte[] progressive = ProgressiveJpeg.FromBaseline(baseline);

        Assert.Equal(1, Count(progressive, 0xC2));
        Assert.Equal(0, Count(progressive, 0xC0));
        Assert.Equal(7, Count(progressive, 0xDA));
        Assert.Equal(0, TestJpegs.DifferingPixels(baseline, progressive));
    }

    [Fact]
    public void FromBaseline_NotAJpeg_IsRefused()
    {
        var error = Assert.Throws<InvalidDataException>(() => ProgressiveJpeg.FromBaseline([0x89, 0x50, 0x4E, 0x47]));

        Assert.Contains("not a whole JPEG", error.Message, StringComparison.Ordinal);
    }

    // Markers in the headers and between scans (entropy-coded data never holds 0xFF then a non-zero byte but RST or EOI).
    private static int Count(byte[] jpeg, byte marker)
    {
        int n = 0;
        for (int i = 0; i + 1 < jpeg.Length; i++)
        {
            n += jpeg[i] == 0xFF && jpeg[i + 1] == marker ? 1 : 0;
        }

        return n;
    }
}
