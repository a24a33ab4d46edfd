using TileCluster.Rendering;
using TileCluster.Rendering.Imaging;

namespace TileCluster.Rendering.Tests;

public sealed class HistogramPaletteTests
{
    private const int Size = 64;

    // Premultiplied BGRA as the canvas lays it out, opaque.
    private static byte[] Image(Func<int, int, (byte R, byte G, byte B)> color)
    {
        var bgra = new byte[Size * Size * 4];
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                var (r, g, b) = color(x, y);
                int i = ((y * Size) + x) * 4;
                (bgra[i], bgra[i + 1], bgra[i + 2], bgra[i + 3]) = (b, g, r, 255);
            }
        }

        return bgra;
    }

    private static Rgba At(HistogramPalette palette, byte[] indices, int x, int y) => palette.Palette[indices[(y * Size) + x]];

    [Fact]
    public void TryBuild_FewColours_PaletteIsExact()
    {
        var image = Image((x, y) => x < 32 ? ((byte)242, (byte)239, (byte)233) : y < 32 ? ((byte)170, (byte)211, (byte)223) : ((byte)173, (byte)209, (byte)158));
        var palette = HistogramPalette.TryBuild(image, Size * 4, Size, Size, PaletteQuantizer.Default, new HistogramBuffers());
        Assert.NotNull(palette);
        Assert.Equal(3, palette.Count);
        var indices = new byte[Size * Size];
        palette.WriteIndices(image, Size * 4, indices);
        Assert.Equal(new Rgba(242, 239, 233), At(palette, indices, 5, 5));
        Assert.Equal(new Rgba(170, 211, 223), At(palette, indices, 40, 5));
        Assert.Equal(new Rgba(173, 209, 158), At(palette, indices, 40, 40));
    }

    [Fact]
    public void TryBuild_BuffersReusedAfterAManyColouredImage_TheNextPaletteHoldsOnlyItsOwnColours()
    {
        // A render thread keeps its buffers: what the first image counted must not reach the second.
        var buffers = new HistogramBuffers();
        var busy = Image((x, y) => ((byte)(x * 4), (byte)(y * 4), (byte)((x + y) * 2)));
        Assert.Equal(256, HistogramPalette.TryBuild(busy, Size * 4, Size, Size, PaletteQuantizer.Default, buffers)!.Count);

        var flat = Image((x, y) => x < 16 ? ((byte)242, (byte)239, (byte)233) : ((byte)170, (byte)211, (byte)223));
        var palette = HistogramPalette.TryBuild(flat, Size * 4, Size, Size, PaletteQuantizer.Default, buffers);

        Assert.NotNull(palette);
        Assert.Equal(2, palette.Count);
        var indices = new byte[Size * Size];
        palette.WriteIndices(flat, Size * 4, indices);
        Assert.Equal(new Rgba(242, 239, 233), At(palette, indices, 3, 60));
        Assert.Equal(new Rgba(170, 211, 223), At(palette, indices, 60, 3));
    }

    [Fact]
    public void TryBuild_RunsOfEveryLengthAndARowEndingMidRun_EachPixelGetsItsOwnColour()
    {
        // 61 px rows inside a 64 px stride: runs of 1..19 pixels cross the 8-pixel groups the
        // counting compares at once, and runs carry on from one row into the next.
        const int width = 61, height = 9;
        var colours = new[] { new Rgba(242, 239, 233), new Rgba(170, 211, 223), new Rgba(173, 209, 158), new Rgba(252, 214, 164), new Rgba(0, 0, 0), new Rgba(255, 255, 255), new Rgba(141, 97, 139) };
        var expected = new Rgba[width * height];
        var bgra = new byte[Size * height * 4];
        int run = 1, colour = 0, left = 1;
        for (int p = 0; p < expected.Length; p++)
        {
            expected[p] = colours[colour];
            int i = (((p / width) * Size) + (p % width)) * 4;
            (bgra[i], bgra[i + 1], bgra[i + 2], bgra[i + 3]) = (expected[p].B, expected[p].G, expected[p].R, 255);
            if (--left == 0)
            {
                run = (run % 19) + 1;
                colour = (colour + 1) % colours.Length;
                left = run;
            }
        }

        var palette = HistogramPalette.TryBuild(bgra, Size * 4, width, height, PaletteQuantizer.Default, new HistogramBuffers());
        Assert.NotNull(palette);
        Assert.Equal(colours.Length, palette.Count);
        var indices = new byte[width * height];
        palette.WriteIndices(bgra, Size * 4, indices);
        for (int p = 0; p < expected.Length; p++)
        {
            Assert.Equal(expected[p], palette.Palette[indices[p]]);
        }
    }

    [Fact]
    public void TryBuild_ManyColours_QuantisesTo256WithSmallError()
    {
        // 4096 distinct colours in a smooth gradient.
        var image = Image((x, y) => ((byte)(x * 4), (byte)(y * 4), (byte)128));
        var palette = HistogramPalette.TryBuild(image, Size * 4, Size, Size, PaletteQuantizer.Default, new HistogramBuffers());
        Assert.NotNull(palette);
        Assert.InRange(palette.Count, 64, 256);
        var indices = new byte[Size * Size];
        palette.WriteIndices(image, Size * 4, indices);
        for (int y = 0; y < Size; y += 7)
        {
            for (int x = 0; x < Size; x += 7)
            {
                var c = At(palette, indices, x, y);
                Assert.InRange(Math.Abs(c.R - (x * 4)), 0, 24);
                Assert.InRange(Math.Abs(c.G - (y * 4)), 0, 24);
            }
        }
    }

    [Theory]
    [InlineData(0, 0, 64, 64)]
    [InlineData(32, 0, 32, 32)]
    [InlineData(5, 17, 13, 40)]
    [InlineData(63, 63, 1, 1)]
    public void WriteIndices_Rectangle_IsThatPartOfTheWholeImage(int left, int top, int width, int height)
    {
        var image = Image((x, y) => ((byte)(x * 4), (byte)(y * 4), (byte)((x + y) * 2)));
        var palette = HistogramPalette.TryBuild(image, Size * 4, Size, Size, PaletteQuantizer.Default, new HistogramBuffers());
        Assert.NotNull(palette);
        var whole = new byte[Size * Size];
        palette.WriteIndices(image, Size * 4, whole);
        var part = new byte[width * height];
        palette.WriteIndices(image, Size * 4, left, top, width, height, part);
        for (int y = 0; y < height; y++)
        {
            Assert.Equal(whole.AsSpan(((top + y) * Size) + left, width), part.AsSpan(y * width, width));
        }
    }

    [Theory]
    [InlineData(-1, 0, 4, 4)]
    [InlineData(0, 0, 65, 1)]
    [InlineData(60, 60, 8, 2)]
    public void WriteIndices_RectangleOutsideTheImage_IsRefused(int left, int top, int width, int height)
    {
        var image = Image((x, y) => ((byte)x, (byte)y, (byte)0));
        var palette = HistogramPalette.TryBuild(image, Size * 4, Size, Size, PaletteQuantizer.Default, new HistogramBuffers());
        Assert.NotNull(palette);
        Assert.Throws<ArgumentOutOfRangeException>(() => palette.WriteIndices(image, Size * 4, left, top, width, height, new byte[Size * Size]));
    }

    [Fact]
    public void TryBuild_TooManyDistinctColours_DeclinesSoTheCallerFallsBack()
    {
        const int side = 512; // 262144 distinct colours, more than the table takes
        var bgra = new byte[side * side * 4];
        for (int i = 0; i < side * side; i++)
        {
            (bgra[i * 4], bgra[(i * 4) + 1], bgra[(i * 4) + 2], bgra[(i * 4) + 3]) = ((byte)i, (byte)(i >> 8), (byte)(i >> 16), 255);
        }

        Assert.Null(HistogramPalette.TryBuild(bgra, side * 4, side, side, PaletteQuantizer.Default, new HistogramBuffers()));
    }
}
