using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage;

/// <summary>
/// Where rendered metatiles live, after mod_tile's storage backend: the metatile is the unit of
/// writing, the tile the unit of reading.
/// </summary>
public interface ITileStore
{
    /// <summary>Reads one tile, or null when its metatile is not stored (or the file is unusable).</summary>
    ValueTask<StoredTile?> ReadTileAsync(MetatileKey key, TileCoord tile, CancellationToken cancellationToken);

    /// <summary>Whether the metatile is stored, and when it was written; null when absent.</summary>
    ValueTask<DateTimeOffset?> StatAsync(MetatileKey key, CancellationToken cancellationToken);

    /// <summary>Writes a whole metatile atomically: readers see the old file or the new one, never a mix.</summary>
    ValueTask WriteMetatileAsync(MetatileKey key, RenderedMetatile tiles, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a stored metatile dirty the way mod_tile does, by moving its mtime back to
    /// <see cref="DirtyRule.ExpiredMtime"/>; false when nothing is stored.
    /// </summary>
    ValueTask<bool> MarkDirtyAsync(MetatileKey key, CancellationToken cancellationToken);

    /// <summary>Removes a stored metatile; absent is fine.</summary>
    ValueTask DeleteAsync(MetatileKey key, CancellationToken cancellationToken);
}
