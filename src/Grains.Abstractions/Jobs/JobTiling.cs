using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>
/// The tiles and metatiles a job covers. The metatiles come in a fixed order (zoom, then row, then
/// column), so a job's progress can be kept as one bit per metatile index.
/// </summary>
public static class JobTiling
{
    /// <summary>Web Mercator's latitude limit in degrees.</summary>
    private const double MaxLatitude = 85.0511287798066;

    /// <summary>The tiles at <paramref name="z"/> that the box touches (the tiles holding its corners and all between).</summary>
    public static TileRange RangeAt(JobSpec spec, int z)
    {
        int n = TileCoord.TilesPerSide(z);
        return new TileRange(z, Column(spec.West, n), Row(spec.North, n), Column(spec.East, n), Row(spec.South, n));
    }

    /// <summary>Every metatile of the job with the part of its zoom's tile range it covers, in index order.</summary>
    public static IReadOnlyList<(MetatileCoord Metatile, TileRange Range)> Metatiles(JobSpec spec)
    {
        var list = new List<(MetatileCoord, TileRange)>();
        for (int z = spec.MinZoom; z <= spec.MaxZoom; z++)
        {
            var range = RangeAt(spec, z);
            var first = MetatileCoord.Containing(TileCoord.Create(z, range.MinX, range.MinY));
            var last = MetatileCoord.Containing(TileCoord.Create(z, range.MaxX, range.MaxY));
            for (int y = first.Y; y <= last.Y; y += MetatileCoord.Size)
            {
                for (int x = first.X; x <= last.X; x += MetatileCoord.Size)
                {
                    list.Add((MetatileCoord.Containing(TileCoord.Create(z, x, y)), range));
                }
            }
        }

        return list;
    }

    /// <summary>Metatiles the job covers over all its zooms, counted without listing them.</summary>
    public static long MetatileCount(JobSpec spec)
    {
        long count = 0;
        for (int z = spec.MinZoom; z <= spec.MaxZoom; z++)
        {
            var range = RangeAt(spec, z);
            long columns = (range.MaxX / MetatileCoord.Size) - (range.MinX / MetatileCoord.Size) + 1;
            long rows = (range.MaxY / MetatileCoord.Size) - (range.MinY / MetatileCoord.Size) + 1;
            count += columns * rows;
        }

        return count;
    }

    /// <summary>Tiles the job covers over all its zooms.</summary>
    public static long TileCount(JobSpec spec)
    {
        long count = 0;
        for (int z = spec.MinZoom; z <= spec.MaxZoom; z++)
        {
            count += RangeAt(spec, z).Count;
        }

        return count;
    }

    private static int Column(double longitude, int n) => Clamp(Math.Floor((longitude + 180) / 360 * n), n);

    private static int Row(double latitude, int n)
    {
        double phi = Math.Clamp(latitude, -MaxLatitude, MaxLatitude) * Math.PI / 180;
        return Clamp(Math.Floor((1 - (Math.Log(Math.Tan(phi) + (1 / Math.Cos(phi))) / Math.PI)) / 2 * n), n);
    }

    private static int Clamp(double value, int n) => (int)Math.Clamp(value, 0, n - 1);
}
