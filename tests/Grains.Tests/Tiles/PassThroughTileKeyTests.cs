using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Tests.Tiles;

/// <summary>The grain key of a pass-through tile, and the metatile whose silo hosts it.</summary>
public sealed class PassThroughTileKeyTests
{
    [Theory]
    [InlineData("proxy/14/8625/5753", "proxy", 14, 8625, 5753, "proxy/1/14/8624/5752")]
    [InlineData("mb_1/0/0/0", "mb_1", 0, 0, 0, "mb_1/1/0/0/0")]
    [InlineData("p/2/3/1", "p", 2, 3, 1, "p/1/2/0/0")]
    public void TryParseGrainKey_Valid_TileAndOwnerMetatile(string text, string layer, int z, int x, int y, string owner)
    {
        Assert.True(PassThroughTileKey.TryParseGrainKey(text, out var key));
        Assert.Equal(new PassThroughTileKey(layer, TileCoord.Create(z, x, y)), key);
        Assert.Equal(text, key.GrainKey);
        Assert.Equal(owner, key.Owner.GrainKey);
    }

    [Theory]
    [InlineData("proxy/1/14/8624/5752")]
    [InlineData("proxy/14/8625")]
    [InlineData("proxy/3/8/0")]
    [InlineData("proxy/-1/0/0")]
    [InlineData("Proxy/1/0/0")]
    [InlineData("/1/0/0")]
    [InlineData("proxy/1/0/x")]
    public void TryParseGrainKey_NotATileKey_False(string text)
    {
        Assert.False(PassThroughTileKey.TryParseGrainKey(text, out _));
    }
}
