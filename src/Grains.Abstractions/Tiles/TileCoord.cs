using System.Diagnostics.CodeAnalysis;

namespace TileCluster.Grains.Abstractions.Tiles;

/// <summary>
/// An XYZ tile address (y grows southwards). It cannot hold an invalid coordinate:
/// construct it through <see cref="TryCreate"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
public readonly record struct TileCoord
{
    /// <summary>The deepest zoom any style may use; 2^z must fit an <see cref="int"/>.</summary>
    public const int MaxSupportedZoom = 24;

    private TileCoord(int z, int x, int y) => (Z, X, Y) = (z, x, y);

    /// <summary>Zoom level.</summary>
    [Id(0)]
    public int Z { get; }

    /// <summary>Column, 0 at 180°W.</summary>
    [Id(1)]
    public int X { get; }

    /// <summary>Row, 0 at the north edge.</summary>
    [Id(2)]
    public int Y { get; }

    /// <summary>Number of tiles along one side of the world at <paramref name="z"/>.</summary>
    public static int TilesPerSide(int z) => 1 << z;

    /// <summary>Creates a coordinate, or returns the reason it is invalid.</summary>
    public static bool TryCreate(int z, int x, int y, out TileCoord tile, [NotNullWhen(false)] out string? error)
    {
        tile = default;
        if (z < 0 || z > MaxSupportedZoom)
        {
            error = $"zoom {z} is outside 0..{MaxSupportedZoom}";
            return false;
        }

        int limit = TilesPerSide(z);
        if (x < 0 || x >= limit)
        {
            error = $"x {x} is outside 0..{limit - 1} at zoom {z}";
            return false;
        }

        if (y < 0 || y >= limit)
        {
            error = $"y {y} is outside 0..{limit - 1} at zoom {z}";
            return false;
        }

        tile = new TileCoord(z, x, y);
        error = null;
        return true;
    }

    /// <summary>
    /// Creates the coordinate of a TMS address (row 0 at the south edge: <c>y = 2^z - 1 - tmsY</c>),
    /// or returns the reason it is invalid, naming the TMS row as given.
    /// </summary>
    public static bool TryCreateTms(int z, int x, int tmsY, out TileCoord tile, [NotNullWhen(false)] out string? error)
    {
        if (!TryCreate(z, x, tmsY, out tile, out error))
        {
            return false;
        }

        tile = new TileCoord(z, x, tile.TmsY);
        return true;
    }

    /// <summary>Creates a coordinate that is known to be valid; throws otherwise.</summary>
    public static TileCoord Create(int z, int x, int y) =>
        TryCreate(z, x, y, out var tile, out var error) ? tile : throw new ArgumentOutOfRangeException(nameof(z), error);

    /// <summary>The same tile in TMS addressing (y grows northwards).</summary>
    public int TmsY => TilesPerSide(Z) - 1 - Y;

    /// <inheritdoc />
    public override string ToString() => $"{Z}/{X}/{Y}";
}
