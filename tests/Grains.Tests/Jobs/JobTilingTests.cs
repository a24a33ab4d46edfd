using TileCluster.Grains.Abstractions.Jobs;

namespace TileCluster.Grains.Tests.Jobs;

public sealed class JobTilingTests
{
    private static JobSpec Spec(double west, double south, double east, double north, int minZoom, int maxZoom) =>
        new("osm", west, south, east, north, minZoom, maxZoom, JobKind.Seed, [], null);

    [Theory]
    // Vaduz, checked against the slippy-map formulas (OSM wiki) by hand.
    [InlineData(9.50, 47.12, 9.54, 47.16, 12, 2156, 1437, 2156, 1438)]
    [InlineData(9.50, 47.12, 9.54, 47.16, 15, 17248, 11503, 17252, 11509)]
    [InlineData(9.47, 47.04, 9.64, 47.28, 17, 68983, 45951, 69045, 46080)]
    // The whole world at zoom 0 and 1; the east edge at 180 stays in the last column.
    [InlineData(-180, -85.0511, 180, 85.0511, 0, 0, 0, 0, 0)]
    [InlineData(-180, -85.0511, 180, 85.0511, 1, 0, 0, 1, 1)]
    // A box in one tile's corner (the south-east quarter of tile 1/1/1).
    [InlineData(10, -60, 20, -50, 1, 1, 1, 1, 1)]
    public void RangeAt_Box_CoversTheTilesOfItsCorners(double west, double south, double east, double north, int z, int minX, int minY, int maxX, int maxY)
    {
        Assert.Equal(new TileRange(z, minX, minY, maxX, maxY), JobTiling.RangeAt(Spec(west, south, east, north, z, z), z));
    }

    [Theory]
    [InlineData(9.50, 47.12, 9.54, 47.16, 12, 15, 6)]
    [InlineData(9.47, 47.04, 9.64, 47.28, 16, 17, 212)]
    [InlineData(-180, -85.0511, 180, 85.0511, 0, 4, 1 + 1 + 1 + 1 + 4)]
    public void Metatiles_Box_ListsEachMetatileOnceInIndexOrder(double west, double south, double east, double north, int minZoom, int maxZoom, int expected)
    {
        var spec = Spec(west, south, east, north, minZoom, maxZoom);

        var metatiles = JobTiling.Metatiles(spec);

        Assert.Equal(expected, metatiles.Count);
        Assert.Equal(expected, JobTiling.MetatileCount(spec));
        Assert.Equal(metatiles.Count, metatiles.Select(m => m.Metatile).Distinct().Count());
        Assert.Equal(metatiles.Select(m => (m.Metatile.Z, m.Metatile.Y, m.Metatile.X)).Order(), metatiles.Select(m => (m.Metatile.Z, m.Metatile.Y, m.Metatile.X)));
        Assert.All(metatiles, m => Assert.Equal(m.Metatile.Z, m.Range.Z));
    }

    [Fact]
    public void Metatiles_Box_CoverEveryTileOfTheRangeExactlyOnce()
    {
        var spec = Spec(9.47, 47.04, 9.64, 47.28, 13, 16);
        var covered = new List<(int Z, int X, int Y)>();
        foreach (var (metatile, range) in JobTiling.Metatiles(spec))
        {
            for (int dx = 0; dx < metatile.TilesPerSide; dx++)
            {
                for (int dy = 0; dy < metatile.TilesPerSide; dy++)
                {
                    var tile = metatile.TileAt(dx, dy);
                    if (range.Contains(tile))
                    {
                        covered.Add((tile.Z, tile.X, tile.Y));
                    }
                }
            }
        }

        Assert.Equal(JobTiling.TileCount(spec), covered.Count);
        Assert.Equal(covered.Count, covered.Distinct().Count());
    }
}
