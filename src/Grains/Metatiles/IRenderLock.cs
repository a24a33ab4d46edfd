using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Metatiles;

/// <summary>
/// Cluster-wide exclusivity for one metatile's render. The grain is the lock within a silo; this
/// covers the moments when two silos' membership views disagree and both think they own a key.
/// </summary>
internal interface IRenderLock
{
    /// <summary>
    /// Waits until this process holds the metatile's lock (dispose the lease to release it), or
    /// for <paramref name="staleAfter"/> at most: then the other holder's lock counts as stale and
    /// the answer is null, so the caller renders without it.
    /// </summary>
    ValueTask<IAsyncDisposable?> AcquireAsync(MetatileKey key, TimeSpan staleAfter, CancellationToken cancellationToken);
}
