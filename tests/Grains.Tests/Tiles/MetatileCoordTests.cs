using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Tests.Tiles;

public sealed class MetatileCoordTests
{
    [Theory]
    [InlineData(0, 0, 0, 0, 0, 1)]
    [InlineData(1, 1, 1, 0, 0, 2)]
    [InlineData(2, 3, 2, 0, 0, 4)]
    [InlineData(3, 7, 7, 0, 0, 8)]
    [InlineData(4, 9, 15, 8, 8, 8)]
    [InlineData(14, 8619, 5767, 8616, 5760, 8)]
    [InlineData(16, 34479, 23069, 34472, 23064, 8)]
    public void Containing_AlignsToEight_AndShrinksAtLowZoom(int z, int x, int y, int mx, int my, int size)
    {
        var metatile = MetatileCoord.Containing(TileCoord.Create(z, x, y));
        Assert.Equal((z, mx, my, size), (metatile.Z, metatile.X, metatile.Y, metatile.TilesPerSide));
        Assert.True(metatile.Contains(TileCoord.Create(z, x, y)));
    }

    [Theory]
    [InlineData(8616, 5760, 0)]
    [InlineData(8616, 5761, 1)]
    [InlineData(8617, 5760, 8)]
    [InlineData(8619, 5767, 31)]
    [InlineData(8623, 5767, 63)]
    public void IndexOf_IsXMajor_LikeModTile(int x, int y, int expected) =>
        Assert.Equal(expected, MetatileCoord.IndexOf(TileCoord.Create(14, x, y)));

    [Theory]
    [InlineData(14, 8615, 5767)]
    [InlineData(14, 8624, 5767)]
    [InlineData(14, 8619, 5768)]
    [InlineData(13, 4309, 2883)]
    public void Contains_TileOutside_IsFalse(int z, int x, int y) =>
        Assert.False(MetatileCoord.Containing(TileCoord.Create(14, 8619, 5767)).Contains(TileCoord.Create(z, x, y)));

    [Fact]
    public void TileAt_CoversEveryTileOnce()
    {
        var metatile = MetatileCoord.Containing(TileCoord.Create(14, 8619, 5767));
        var tiles = new HashSet<TileCoord>();
        for (int dx = 0; dx < metatile.TilesPerSide; dx++)
        {
            for (int dy = 0; dy < metatile.TilesPerSide; dy++)
            {
                var tile = metatile.TileAt(dx, dy);
                Assert.Equal(metatile, MetatileCoord.Containing(tile));
                tiles.Add(tile);
            }
        }

        Assert.Equal(64, tiles.Count);
    }
}
