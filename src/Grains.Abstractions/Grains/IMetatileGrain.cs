using TileCluster.Grains.Abstractions.Jobs;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>
/// The one place that renders a metatile and holds its freshness; its key is
/// <see cref="MetatileKey.GrainKey"/>. Concurrent requests for its 64 tiles share one in-flight
/// render, and the cluster renders a metatile at most once at a time.
/// </summary>
public interface IMetatileGrain : IGrainWithStringKey
{
    /// <summary>
    /// Returns a tile of this metatile, rendering the metatile first if the store has none.
    /// </summary>
    /// <param name="tile">A tile inside this grain's metatile.</param>
    /// <param name="cancellationToken">The caller's abort signal.</param>
    Task<TileResult> GetTileAsync(TileCoord tile, CancellationToken cancellationToken = default);

    /// <summary>Renders the metatile now at bulk priority (seeding), whether or not it is stored.</summary>
    Task<TileStatus> RenderAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the stored metatile dirty because its data changed. At a hot zoom the grain starts
    /// re-rendering it at once; at other zooms it re-renders on the next request. A metatile
    /// that was never stored is left alone: there is nothing stale to replace.
    /// </summary>
    Task<ExpireOutcome> ExpireAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the stored metatile (<c>tilecluster clean --delete</c>); the next request renders it
    /// afresh. Returns whether anything was stored.
    /// </summary>
    Task<bool> DeleteAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until no re-render of this metatile is pending and says how the last one ended
    /// (<see cref="TileStatus.Ok"/> when none was pending).
    /// </summary>
    Task<TileStatus> WaitForRefreshAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A job's work on this metatile, done on the metatile's own silo: reuses the stored metatile
    /// when it is fresh, renders it at bulk priority otherwise, and for an export writes its tiles
    /// that fall in the job's range into the job's tile tree. Tile bytes stay on the silo.
    /// </summary>
    /// <param name="request">The job and the tiles it wants from this metatile.</param>
    /// <param name="cancellationToken">The job's cancel signal; a queued render is dropped.</param>
    Task<JobTilesResult> RenderForJobAsync(JobTileRequest request, CancellationToken cancellationToken = default);
}
