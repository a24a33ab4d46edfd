using System.Globalization;
using System.Text;
using TileCluster.Cli.Infrastructure;
using TileCluster.Grains.Abstractions.Jobs;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Cli.Clean;

/// <summary>
/// The metatiles <c>tilecluster clean</c> names at one zoom: those holding a tile the box touches,
/// with the same tile maths as seed and export jobs (<see cref="JobTiling.RangeAt"/>), as
/// expire-list lines (one tile per metatile, its top-left), so <c>/admin/expire</c> and
/// <c>/admin/delete</c> reach exactly those metatiles when posted with that zoom alone.
/// </summary>
internal static class CleanArea
{
    /// <summary>The metatiles at <paramref name="z"/> that the box touches.</summary>
    public static long Count(BoundingBox box, int z)
    {
        var (first, last) = Corners(box, z);
        return ((long)((last.X - first.X) / MetatileCoord.Size) + 1) * (((last.Y - first.Y) / MetatileCoord.Size) + 1);
    }

    /// <summary>The lines for the metatiles at <paramref name="z"/>, in posts of at most <paramref name="linesPerPost"/> lines.</summary>
    public static IEnumerable<(byte[] Body, int Lines)> Posts(BoundingBox box, int z, int linesPerPost)
    {
        var (first, last) = Corners(box, z);
        var text = new StringBuilder();
        int lines = 0;
        for (int y = first.Y; y <= last.Y; y += MetatileCoord.Size)
        {
            for (int x = first.X; x <= last.X; x += MetatileCoord.Size)
            {
                text.Append(CultureInfo.InvariantCulture, $"{z}/{x}/{y}\n");
                if (++lines == linesPerPost)
                {
                    yield return (Encoding.ASCII.GetBytes(text.ToString()), lines);
                    text.Clear();
                    lines = 0;
                }
            }
        }

        if (lines > 0)
        {
            yield return (Encoding.ASCII.GetBytes(text.ToString()), lines);
        }
    }

    private static (MetatileCoord First, MetatileCoord Last) Corners(BoundingBox box, int z)
    {
        var range = JobTiling.RangeAt(new JobSpec(string.Empty, box.West, box.South, box.East, box.North, z, z, JobKind.Seed, [], null), z);
        return (MetatileCoord.Containing(TileCoord.Create(z, range.MinX, range.MinY)), MetatileCoord.Containing(TileCoord.Create(z, range.MaxX, range.MaxY)));
    }
}
