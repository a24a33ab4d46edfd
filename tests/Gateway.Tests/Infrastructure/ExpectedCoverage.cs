using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Gateway.Tests.Infrastructure;

/// <summary>
/// Which metatiles an expire line covers, computed without the product's expansion code: a
/// metatile is covered when, at its zoom, the line's area (its parent tile at and below the
/// line's zoom, the tiles beneath it above) overlaps it.
/// </summary>
internal static class ExpectedCoverage
{
    public static bool Overlaps(TileCoord line, MetatileCoord metatile, int minZoom, int maxZoom)
    {
        if (metatile.Z < minZoom || metatile.Z > maxZoom)
        {
            return false;
        }

        int size = metatile.TilesPerSide;
        if (metatile.Z <= line.Z)
        {
            int shift = line.Z - metatile.Z;
            int px = line.X >> shift, py = line.Y >> shift;
            return px >= metatile.X && px < metatile.X + size && py >= metatile.Y && py < metatile.Y + size;
        }

        int grow = metatile.Z - line.Z;
        long x0 = (long)line.X << grow, x1 = ((long)(line.X + 1) << grow) - 1;
        long y0 = (long)line.Y << grow, y1 = ((long)(line.Y + 1) << grow) - 1;
        return x0 < metatile.X + size && x1 >= metatile.X && y0 < metatile.Y + size && y1 >= metatile.Y;
    }
}
