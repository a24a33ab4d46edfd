using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.PassThrough;

/// <summary>
/// The <c>tiles</c> layout: one plain file per tile, <c>{Store:Root}/{layer}/{z}/{x}/{y}.{ext}</c>
/// (TileStache's "portable" disk cache), for layers that are not made in metatiles.
/// </summary>
public interface ITileFileStore
{
    /// <summary>Reads a kept tile, or null when there is none.</summary>
    ValueTask<StoredTile?> ReadAsync(string layer, TileCoord tile, string extension, CancellationToken cancellationToken);

    /// <summary>Keeps a tile atomically (a temporary file renamed into place): readers see the old file or the new one.</summary>
    ValueTask WriteAsync(string layer, TileCoord tile, string extension, byte[] bytes, CancellationToken cancellationToken);

    /// <summary>Removes the kept tiles of one metatile (the unit expiries arrive in); returns how many there were.</summary>
    ValueTask<int> DeleteAsync(string layer, MetatileCoord metatile, string extension, CancellationToken cancellationToken);
}
