using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Tests.Configuration;

/// <summary>Which tiles a bounds box covers: overlap in Web Mercator, within the box's zooms.</summary>
public sealed class LayerBoundsOptionsTests
{
    // Liechtenstein from zoom 9 to 16.
    private static readonly LayerBoundsOptions Liechtenstein = new() { West = 9.47, South = 47.04, East = 9.64, North = 47.28, MinZoom = 9, MaxZoom = 16 };

    [Theory]
    [InlineData(14, 8625, 5753, true)] // Vaduz
    [InlineData(9, 269, 179, true)] // the z9 tile holding the country
    [InlineData(16, 34501, 23013, true)]
    [InlineData(16, 34400, 23008, false)] // Appenzell, west of the box
    [InlineData(14, 8625, 5700, false)] // north of it
    [InlineData(8, 134, 89, false)] // over the box, below its zoom 9
    [InlineData(17, 69002, 46026, false)] // over the box, above its zoom 16
    [InlineData(0, 0, 0, false)]
    public void Covers_Liechtenstein(int z, int x, int y, bool expected) =>
        Assert.Equal(expected, Liechtenstein.Covers(TileCoord.Create(z, x, y)));

    [Theory]
    [InlineData(1, 0, 0, true)] // north-west quarter of the world
    [InlineData(1, 1, 1, false)] // south-east: touches the box's corner at 0°, 0° only
    [InlineData(1, 1, 0, false)]
    [InlineData(2, 1, 1, true)]
    [InlineData(2, 2, 2, false)]
    public void Covers_EdgeContact_IsNotOverlap(int z, int x, int y, bool expected)
    {
        var northWest = new LayerBoundsOptions { West = -180, South = 0, East = 0, North = 85.0511 };
        Assert.Equal(expected, northWest.Covers(TileCoord.Create(z, x, y)));
    }
}
