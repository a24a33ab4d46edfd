using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Metatiles;

/// <summary>
/// Cluster-wide exclusivity for one metatile's render. The grain is the lock within a silo; this
/// covers the moments when two silos' membership views disagree and both think they own a key.
/// </summary>
internal interface IRenderLock
{
    /// <summary>Waits until this process holds the metatile's lock; dispose the lease to release it.</summary>
    ValueTask<IAsyncDisposable> AcquireAsync(MetatileKey key, CancellationToken cancellationToken);
}
