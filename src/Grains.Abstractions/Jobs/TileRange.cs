using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>The tiles of one zoom a job covers: columns <see cref="MinX"/>..<see cref="MaxX"/>, rows <see cref="MinY"/>..<see cref="MaxY"/> (XYZ rows, inclusive).</summary>
/// <param name="Z">Zoom level.</param>
/// <param name="MinX">West column.</param>
/// <param name="MinY">North row.</param>
/// <param name="MaxX">East column.</param>
/// <param name="MaxY">South row.</param>
[GenerateSerializer]
[Immutable]
public readonly record struct TileRange(int Z, int MinX, int MinY, int MaxX, int MaxY)
{
    /// <summary>Tiles in the range.</summary>
    public long Count => (long)(MaxX - MinX + 1) * (MaxY - MinY + 1);

    /// <summary>Whether <paramref name="tile"/> lies in the range.</summary>
    public bool Contains(TileCoord tile) => tile.Z == Z && tile.X >= MinX && tile.X <= MaxX && tile.Y >= MinY && tile.Y <= MaxY;
}
