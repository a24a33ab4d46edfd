namespace TileCluster.Storage.Tests.Outputs;

/// <summary>
/// The tile list of a bbox by the OpenStreetMap wiki's formula (asinh of tan), written apart from
/// the production math so the outputs are checked against an independent computation.
/// </summary>
internal static class SlippyMap
{
    /// <summary>Half the world in metres: π · 6378137.</summary>
    public const double HalfWorld = Math.PI * 6378137;

    /// <summary>XYZ tiles covering the bbox at each zoom, sorted by zoom, column and row.</summary>
    public static List<(int Z, int X, int Y)> Covering(double west, double south, double east, double north, int minZoom, int maxZoom)
    {
        var tiles = new List<(int Z, int X, int Y)>();
        for (int z = minZoom; z <= maxZoom; z++)
        {
            for (int x = Column(west, z); x <= Column(east, z); x++)
            {
                for (int y = Row(north, z); y <= Row(south, z); y++)
                {
                    tiles.Add((z, x, y));
                }
            }
        }

        return tiles;
    }

    /// <summary>The TMS row of XYZ row <paramref name="y"/>.</summary>
    public static int TmsRow(int z, int y) => (1 << z) - 1 - y;

    /// <summary>The EPSG:3857 corners of an XYZ tile: west, north, east, south.</summary>
    public static (double West, double North, double East, double South) Corners(int z, int x, int y)
    {
        double size = 2 * HalfWorld / (1 << z);
        return (-HalfWorld + (x * size), HalfWorld - (y * size), -HalfWorld + ((x + 1) * size), HalfWorld - ((y + 1) * size));
    }

    private static int Column(double longitude, int z) => (int)Math.Floor((longitude + 180) / 360 * (1 << z));

    private static int Row(double latitude, int z)
    {
        double phi = latitude * Math.PI / 180;
        return (int)Math.Floor((1 - (Math.Asinh(Math.Tan(phi)) / Math.PI)) / 2 * (1 << z));
    }
}
