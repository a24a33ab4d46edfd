using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Tests.Expiry;

public sealed class ExpireExpansionTests
{
    [Theory]
    // A z15 tile in Vaduz, expanded 13..17: parents at 13 and 14, itself, then 2x2 and 4x4 tiles below (one metatile each).
    [InlineData(15, 17250, 11506, 13, 17, "13/4312/2872 14/8624/5752 15/17248/11504 16/34496/23008 17/69000/46024")]
    // Only down: maxZoom below the tile's zoom keeps its parents.
    [InlineData(15, 17250, 11506, 10, 12, "10/536/352 11/1072/712 12/2152/1432")]
    // Only up: minZoom above the tile's zoom keeps its children.
    [InlineData(12, 2156, 1438, 15, 15, "15/17248/11504")]
    // Children spanning metatiles: z13 tile 4319 covers z16 x 34552..34559, one metatile wide; z17 spans two.
    [InlineData(13, 4319, 2879, 16, 17, "16/34552/23032 17/69104/46064 17/69104/46072 17/69112/46064 17/69112/46072")]
    // Low zooms: one metatile is the whole world up to z3.
    [InlineData(2, 3, 1, 0, 3, "0/0/0 1/0/0 2/0/0 3/0/0")]
    public void Expand_OneTile(int z, int x, int y, int minZoom, int maxZoom, string expected)
    {
        var set = ExpireExpansion.Expand([TileCoord.Create(z, x, y)], minZoom, maxZoom, 1_000_000)!;
        Assert.Equal(expected, string.Join(' ', set.Enumerate().OrderBy(m => m.Z).ThenBy(m => m.X).ThenBy(m => m.Y)));
    }

    [Fact]
    public void Expand_MatchesBruteForce_OnARandomList()
    {
        var random = new Random(466354);
        var tiles = new List<TileCoord>();
        for (int i = 0; i < 300; i++)
        {
            int z = random.Next(8, 15);
            // Clustered near Vaduz, so parents and children overlap and dedup matters.
            int x = (17250 >> (15 - z)) + random.Next(-3, 4);
            int y = (11506 >> (15 - z)) + random.Next(-3, 4);
            tiles.Add(TileCoord.Create(z, x, y));
        }

        var set = ExpireExpansion.Expand(tiles, 9, 15, 10_000_000)!;
        var expected = new HashSet<MetatileCoord>();
        foreach (var tile in tiles)
        {
            for (int z = 9; z <= 15; z++)
            {
                if (z <= tile.Z)
                {
                    expected.Add(MetatileCoord.Containing(TileCoord.Create(z, tile.X >> (tile.Z - z), tile.Y >> (tile.Z - z))));
                    continue;
                }

                int n = 1 << (z - tile.Z);
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        expected.Add(MetatileCoord.Containing(TileCoord.Create(z, (tile.X * n) + i, (tile.Y * n) + j)));
                    }
                }
            }
        }

        Assert.Equal(expected.Count, set.Count);
        Assert.Equal(expected.OrderBy(m => (m.Z, m.X, m.Y)), set.Enumerate().OrderBy(m => (m.Z, m.X, m.Y)));
        Assert.All(expected, m => Assert.True(set.Contains(TileCoord.Create(m.Z, m.X + 7 < (1 << m.Z) ? m.X + 7 : m.X, m.Y))));
    }

    [Fact]
    public void Expand_EveryZoomOfOneChange_CoversTheLowestLinesWholeArea()
    {
        // What osm2pgsql -e 10-18 writes for one small change: its tile at every zoom, here twice.
        var tiles = Enumerable.Range(10, 9).Select(z => TileCoord.Create(z, 138004 >> (18 - z), 92052 >> (18 - z))).ToList();
        var set = ExpireExpansion.Expand(tiles.Concat(tiles), 10, 18, 1_000_000)!;

        // The z10 line's area at every zoom: one metatile up to z13, then 2x2, 4x4 ... 32x32.
        Assert.Equal(1 + 1 + 1 + 1 + 4 + 16 + 64 + 256 + 1024, set.Count);
        Assert.Equal(1024, set.CountAt(18));
    }

    [Theory]
    [InlineData(0, 18, 100)]
    [InlineData(10, 18, 1000)]
    public void Expand_StopsWhenTheResultWouldBeTooLarge(int minZoom, int maxZoom, long limit) =>
        Assert.Null(ExpireExpansion.Expand([TileCoord.Create(5, 16, 11)], minZoom, maxZoom, limit));

    [Fact]
    public void Expand_AtTheLimit_Fits()
    {
        // z10 tile to z13: 1 + 1 + 1 + 1 metatiles (8x8 tiles at z13 = one metatile).
        Assert.Equal(4, ExpireExpansion.Expand([TileCoord.Create(10, 539, 359)], 10, 13, 4)!.Count);
        Assert.Null(ExpireExpansion.Expand([TileCoord.Create(10, 539, 359)], 10, 14, 4));
    }
}
