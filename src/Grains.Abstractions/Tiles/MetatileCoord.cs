namespace TileCluster.Grains.Abstractions.Tiles;

/// <summary>
/// A metatile: the block of up to 8x8 tiles that is rendered, locked, stored and expired as one.
/// Its origin is aligned at <c>x &amp; ~7</c>, <c>y &amp; ~7</c>; at zooms 0-2 it covers the whole
/// world (1, 2x2 or 4x4 tiles). All metatile math lives here.
/// </summary>
[GenerateSerializer]
[Immutable]
public readonly record struct MetatileCoord
{
    /// <summary>Tiles along one side of a full metatile (mod_tile's METATILE).</summary>
    public const int Size = 8;

    private const int Mask = Size - 1;

    private MetatileCoord(int z, int x, int y) => (Z, X, Y) = (z, x, y);

    /// <summary>Zoom level.</summary>
    [Id(0)]
    public int Z { get; }

    /// <summary>Column of the top-left tile (a multiple of 8).</summary>
    [Id(1)]
    public int X { get; }

    /// <summary>Row of the top-left tile (a multiple of 8).</summary>
    [Id(2)]
    public int Y { get; }

    /// <summary>Tiles along one side of this metatile: 8, or fewer where the world is smaller.</summary>
    public int TilesPerSide => Math.Min(Size, TileCoord.TilesPerSide(Z));

    /// <summary>The metatile that contains <paramref name="tile"/>.</summary>
    public static MetatileCoord Containing(TileCoord tile) => new(tile.Z, tile.X & ~Mask, tile.Y & ~Mask);

    /// <summary>Creates a metatile from any tile coordinate inside it, validating the range.</summary>
    public static bool TryCreate(int z, int x, int y, out MetatileCoord metatile, out string? error)
    {
        if (!TileCoord.TryCreate(z, x, y, out var tile, out error))
        {
            metatile = default;
            return false;
        }

        metatile = Containing(tile);
        return true;
    }

    /// <summary>Whether <paramref name="tile"/> lies in this metatile.</summary>
    public bool Contains(TileCoord tile) =>
        tile.Z == Z && tile.X >= X && tile.X < X + TilesPerSide && tile.Y >= Y && tile.Y < Y + TilesPerSide;

    /// <summary>
    /// The tile's slot in the 64-entry index of a mod_tile <c>.meta</c> file: x-major,
    /// <c>(x &amp; 7) * 8 + (y &amp; 7)</c>.
    /// </summary>
    public static int IndexOf(TileCoord tile) => ((tile.X & Mask) * Size) + (tile.Y & Mask);

    /// <summary>The tile at offset (<paramref name="dx"/>, <paramref name="dy"/>) from the origin.</summary>
    public TileCoord TileAt(int dx, int dy) => TileCoord.Create(Z, X + dx, Y + dy);

    /// <inheritdoc />
    public override string ToString() => $"{Z}/{X}/{Y}";
}
