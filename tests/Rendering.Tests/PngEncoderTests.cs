using TileCluster.Rendering;
using TileCluster.Rendering.Imaging;

namespace TileCluster.Rendering.Tests;

public sealed class PngEncoderTests
{
    [Fact]
    public void EncodeArgb32_NoisyImage_RoundTripsExactly()
    {
        // Random bytes make every filter produce 0x80 somewhere, which once overflowed Math.Abs((sbyte)…).
        const int size = 64;
        var random = new Random(7);
        var bgra = new byte[size * size * 4];
        random.NextBytes(bgra);
        for (int i = 3; i < bgra.Length; i += 4)
        {
            bgra[i] = 255;
        }

        var image = PngImage.Decode(PngEncoder.EncodeArgb32(bgra, size * 4, size, size));
        Assert.Equal((size, size), (image.Width, image.Height));
        for (int y = 0; y < size; y += 5)
        {
            for (int x = 0; x < size; x += 3)
            {
                int i = ((y * size) + x) * 4;
                Assert.Equal(new Rgba(bgra[i + 2], bgra[i + 1], bgra[i]), image.GetPixel(x, y));
            }
        }
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(4, 2)]
    [InlineData(16, 4)]
    [InlineData(17, 8)]
    [InlineData(256, 8)]
    public void EncodeIndexed_PicksTheSmallestBitDepth(int colours, int bitDepth)
    {
        const int size = 32;
        var indices = new byte[size * size];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = (byte)(i % colours);
        }

        var palette = Enumerable.Range(0, colours).Select(i => new Rgba((byte)i, (byte)(255 - i), 7)).ToArray();
        byte[] png = PngEncoder.EncodeIndexed(indices, size, size, size, palette);
        Assert.Equal(bitDepth, png[24]); // IHDR bit depth
        Assert.Equal(3, png[25]); // colour type 3: indexed
        var image = PngImage.Decode(png);
        Assert.Equal(palette[(5 * size + 9) % colours], image.GetPixel(9, 5));
    }

    [Theory]
    [InlineData(5, 2)]
    [InlineData(13, 2)]
    [InlineData(7, 4)]
    [InlineData(6, 3)]
    [InlineData(3, 16)]
    [InlineData(9, 16)]
    [InlineData(11, 200)]
    public void EncodeIndexed_RowsNotFillingTheirLastByte_EveryPixelRoundTrips(int width, int colours)
    {
        const int height = 4, stride = 16;
        var indices = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                indices[(y * stride) + x] = (byte)(((x * 7) + (y * 3)) % colours);
            }
        }

        var palette = Enumerable.Range(0, colours).Select(i => new Rgba((byte)i, (byte)(255 - i), (byte)(i * 3))).ToArray();
        var image = PngImage.Decode(PngEncoder.EncodeIndexed(indices, stride, width, height, palette));

        Assert.Equal((width, height), (image.Width, image.Height));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                Assert.Equal(palette[indices[(y * stride) + x]], image.GetPixel(x, y));
            }
        }
    }
}
