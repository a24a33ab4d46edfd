using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Tests.Tiles;

/// <summary>The grain key of a metatile: the string Orleans addresses the grain by.</summary>
public sealed class MetatileKeyTests
{
    [Theory]
    [InlineData("osm", 1, 14, 8624, 5752, "osm/1/14/8624/5752")]
    [InlineData("osm", 2, 0, 0, 0, "osm/2/0/0/0")]
    [InlineData("topo", 1, 2, 0, 0, "topo/1/2/0/0")]
    public void GrainKey_RoundTrips(string style, int scale, int z, int x, int y, string expected)
    {
        var key = new MetatileKey(style, scale, MetatileCoord.Containing(TileCoord.Create(z, x, y)));

        Assert.Equal(expected, key.GrainKey);
        Assert.True(MetatileKey.TryParseGrainKey(key.GrainKey, out var parsed));
        Assert.Equal(key, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("osm/1/14/8624")]
    [InlineData("osm/1/14/8624/5752/1")]
    [InlineData("/1/14/8624/5752")]
    [InlineData("osm/3/14/8624/5752")]
    [InlineData("osm/1/14/8625/5752")]
    [InlineData("osm/1/25/0/0")]
    [InlineData("osm/1/14/-8/0")]
    [InlineData("osm/1/14/16384/0")]
    [InlineData("osm/x/14/8624/5752")]
    [InlineData("osm/1/14/ 8624/5752")]
    public void TryParseGrainKey_NotAKey_False(string text) => Assert.False(MetatileKey.TryParseGrainKey(text, out _));
}
