using TileCluster.Rendering.Imaging;

namespace TileCluster.Rendering.Tests;

public sealed class NearestColorTests
{
    // The weighted distance the palette lookup promises, entry by entry: the first of the nearest wins.
    private static byte BruteForce(Rgba[] palette, Rgba color)
    {
        int best = 0;
        long bestDistance = long.MaxValue;
        for (int i = 0; i < palette.Length; i++)
        {
            long dr = palette[i].R - color.R, dg = palette[i].G - color.G, db = palette[i].B - color.B, da = palette[i].A - color.A;
            long distance = (2 * dr * dr) + (4 * dg * dg) + (db * db) + (4 * da * da);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (i, distance);
            }
        }

        return (byte)best;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(7, 3)]
    [InlineData(16, 4)]
    [InlineData(100, 5)]
    [InlineData(255, 6)]
    [InlineData(256, 7)]
    public void Find_AgreesWithTheWeightedDistanceEntryByEntry(int paletteSize, int seed)
    {
        var random = new Random(seed);
        var palette = new Rgba[paletteSize];
        for (int i = 0; i < paletteSize; i++)
        {
            palette[i] = new Rgba((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        }

        var nearest = new NearestColor(palette);
        for (int n = 0; n < 5000; n++)
        {
            var color = new Rgba((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            Assert.Equal(BruteForce(palette, color), nearest.Find(color));
        }

        // Every entry finds itself (or an identical earlier one).
        for (int i = 0; i < paletteSize; i++)
        {
            Assert.Equal(BruteForce(palette, palette[i]), nearest.Find(palette[i]));
        }
    }

    [Theory]
    [InlineData(0, 9)]
    [InlineData(3, 200)]
    [InlineData(12, 13)]
    public void Find_EquallyNearEntries_TheFirstWins(int first, int second)
    {
        // Two copies of one colour among distant greys: the lower index must win, wherever the copies sit.
        var palette = Enumerable.Range(0, 256).Select(i => new Rgba(0, 0, 0, 0)).ToArray();
        palette[first] = new Rgba(200, 30, 40);
        palette[second] = new Rgba(200, 30, 40);
        Assert.Equal(first, new NearestColor(palette).Find(new Rgba(198, 33, 41)));
    }

    [Fact]
    public void Create_EmptyPalette_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new NearestColor([]));
}
