using SkiaSharp;
using TileCluster.Rendering.Imaging;

namespace TileCluster.Rendering.Tests.Imaging;

/// <summary>JPEG and WebP tiles cut from a metatile canvas, read back by Skia's decoders.</summary>
public sealed class MetatileEncoderTests
{
    private const int Buffer = 16;

    [Theory]
    [InlineData("jpeg", 256, SKEncodedImageFormat.Jpeg)]
    [InlineData("jpeg", 512, SKEncodedImageFormat.Jpeg)]
    [InlineData("webp", 256, SKEncodedImageFormat.Webp)]
    [InlineData("webp", 512, SKEncodedImageFormat.Webp)]
    public void Encode_JpegOrWebp_EveryTileDecodesAtItsSize_WithTheColourOfItsPlace(string name, int tileSize, SKEncodedImageFormat expected)
    {
        var format = Format(name);
        using var canvas = Painted(tileSize, 2);

        var tiles = MetatileEncoder.Encode(canvas, Buffer, tileSize, 2, format, quality: 90);

        for (int dx = 0; dx < 2; dx++)
        {
            for (int dy = 0; dy < 2; dy++)
            {
                using var codec = SKCodec.Create(new SKMemoryStream(tiles.Get(dx, dy)));
                Assert.Equal(expected, codec.EncodedFormat);
                using var image = SKBitmap.Decode(tiles.Get(dx, dy));
                Assert.Equal((tileSize, tileSize), (image.Width, image.Height));

                // Each tile's solid quarter keeps its colour within lossy error.
                var pixel = image.GetPixel(tileSize / 4, tileSize / 4);
                var colour = Quarter(dx, dy);
                Assert.InRange(Math.Abs(pixel.Red - colour.R) + Math.Abs(pixel.Green - colour.G) + Math.Abs(pixel.Blue - colour.B), 0, 24);
            }
        }
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("webp")]
    public void Encode_HigherQuality_MakesLargerTiles(string name)
    {
        var format = Format(name);
        using var canvas = Painted(256, 1);

        int low = MetatileEncoder.Encode(canvas, Buffer, 256, 1, format, quality: 20).Get(0, 0).Length;
        int high = MetatileEncoder.Encode(canvas, Buffer, 256, 1, format, quality: 95).Get(0, 0).Length;

        Assert.True(high > low, $"{format}: quality 95 gave {high} bytes, quality 20 gave {low}");
    }

    [Fact]
    public void Encode_PngCompressionZero_IsLargerThanNine_AndBothDecodeToTheSamePixels()
    {
        using var canvas = Painted(256, 1);

        byte[] stored = MetatileEncoder.Encode(canvas, Buffer, 256, 1, TileImageFormat.Png32, pngCompression: 0).Get(0, 0);
        byte[] packed = MetatileEncoder.Encode(canvas, Buffer, 256, 1, TileImageFormat.Png32, pngCompression: 9).Get(0, 0);

        Assert.True(stored.Length > packed.Length * 2, $"level 0: {stored.Length} bytes, level 9: {packed.Length}");
        var a = PngImage.Decode(stored);
        var b = PngImage.Decode(packed);
        for (int y = 0; y < 256; y += 17)
        {
            for (int x = 0; x < 256; x += 13)
            {
                Assert.Equal(a.GetPixel(x, y), b.GetPixel(x, y));
            }
        }
    }

    private static TileImageFormat Format(string name) => name == "jpeg" ? TileImageFormat.Jpeg : TileImageFormat.Webp;

    private static Rgba Quarter(int dx, int dy) => new((byte)(40 + (dx * 150)), (byte)(200 - (dy * 120)), 90);

    // Per tile: a solid colour in the top-left quarter, and many small thin-edged shapes elsewhere, so lossy quality shows.
    private static Canvas Painted(int tileSize, int tilesPerSide)
    {
        int size = (tileSize * tilesPerSide) + (2 * Buffer);
        var canvas = new Canvas(size, size);
        canvas.Clear(new Rgba(242, 239, 233));
        var random = new Random(11);
        for (int dx = 0; dx < tilesPerSide; dx++)
        {
            for (int dy = 0; dy < tilesPerSide; dy++)
            {
                double left = Buffer + (dx * tileSize), top = Buffer + (dy * tileSize);
                for (int i = 0; i < 300; i++)
                {
                    double x = left + (random.NextDouble() * tileSize), y = top + (random.NextDouble() * tileSize);
                    double side = 2 + (random.NextDouble() * 10);
                    canvas.FillRectangle(x, y, side, side, new Rgba((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
                }

                canvas.FillRectangle(left, top, tileSize / 2.0, tileSize / 2.0, Quarter(dx, dy));
            }
        }

        return canvas;
    }
}
