using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Rendering.Benchmarks;

/// <summary>The fixed set of metatiles the benchmark renders: real, dense ones of the sample.</summary>
internal static class BenchmarkMetatiles
{
    // Vaduz centre, and Schaan 3 km north of it: the sample's densest streets. At z14-17 they lie
    // in different metatiles.
    private const double VaduzLat = 47.141, VaduzLon = 9.521;
    private const double SchaanLat = 47.166, SchaanLon = 9.509;

    /// <summary>The Vaduz metatile at z12-17 and the Schaan one at z14-17, in zoom order.</summary>
    public static IReadOnlyList<MetatileKey> For(string style, int scale)
    {
        var keys = new List<MetatileKey>();
        for (int z = 12; z <= 17; z++)
        {
            keys.Add(MetatileKey.For(style, scale, Tile(z, VaduzLat, VaduzLon)));
            if (z >= 14)
            {
                keys.Add(MetatileKey.For(style, scale, Tile(z, SchaanLat, SchaanLon)));
            }
        }

        return keys;
    }

    private static TileCoord Tile(int z, double lat, double lon)
    {
        double n = TileCoord.TilesPerSide(z);
        double latRad = lat * Math.PI / 180;
        int x = (int)Math.Floor((lon + 180) / 360 * n);
        int y = (int)Math.Floor((1 - (Math.Log(Math.Tan(latRad) + (1 / Math.Cos(latRad))) / Math.PI)) / 2 * n);
        return TileCoord.Create(z, x, y);
    }
}
