namespace TileCluster.Storage;

/// <summary>The encoded tiles of one metatile, addressed by their offset from its origin.</summary>
public sealed class RenderedMetatile
{
    private readonly byte[][] _tiles;

    /// <summary>Wraps tiles stored x-major: index <c>dx * tilesPerSide + dy</c>.</summary>
    public RenderedMetatile(int tilesPerSide, byte[][] tiles)
    {
        if (tiles.Length != tilesPerSide * tilesPerSide)
        {
            throw new ArgumentException($"expected {tilesPerSide * tilesPerSide} tiles, got {tiles.Length}", nameof(tiles));
        }

        TilesPerSide = tilesPerSide;
        _tiles = tiles;
    }

    /// <summary>Tiles along one side.</summary>
    public int TilesPerSide { get; }

    /// <summary>The encoded tile at offset (<paramref name="dx"/>, <paramref name="dy"/>).</summary>
    public byte[] Get(int dx, int dy) => _tiles[(dx * TilesPerSide) + dy];
}
