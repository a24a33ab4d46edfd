using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Storage;

namespace TileCluster.Storage.Tests;

public sealed class MetaPathTests
{
    // Expected paths worked by hand from mod_tile's xyz_to_meta: hash[i] = (x & 0xf) << 4 | (y & 0xf), then x >>= 4, y >>= 4.
    [Theory]
    [InlineData(0, 0, 0, "osm/0/0/0/0/0/0.meta")]
    [InlineData(3, 7, 7, "osm/3/0/0/0/0/0.meta")]
    [InlineData(4, 8, 8, "osm/4/0/0/0/0/136.meta")]
    [InlineData(14, 8619, 5767, "osm/14/0/33/22/168/128.meta")]
    [InlineData(16, 34479, 23069, "osm/16/0/133/106/161/136.meta")]
    [InlineData(20, 1048575, 1048575, "osm/20/255/255/255/255/136.meta")]
    public void Relative_MatchesModTileHashing(int z, int x, int y, string expected) =>
        Assert.Equal(expected, MetaPath.Relative("osm", MetatileCoord.Containing(TileCoord.Create(z, x, y))));

    [Fact]
    public void Relative_Scale2_UsesItsOwnStorageName() =>
        Assert.StartsWith("osm@2x/5/", MetaPath.Relative(new MetatileKey("osm", 2, default).StorageName, MetatileCoord.Containing(TileCoord.Create(5, 1, 1))));
}
