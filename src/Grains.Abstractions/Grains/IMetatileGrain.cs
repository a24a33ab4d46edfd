using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>
/// The one place that renders a metatile and holds its freshness. Calls to one grain run one at
/// a time, so concurrent requests for its tiles wait on a single render: the grain is the lock.
/// </summary>
public interface IMetatileGrain
{
    /// <summary>
    /// Returns a tile of this metatile, rendering the metatile first if the store has none.
    /// </summary>
    /// <param name="tile">A tile inside this grain's metatile.</param>
    /// <param name="cancellationToken">The caller's abort signal; flows into the render queue.</param>
    ValueTask<TileResult> GetTileAsync(TileCoord tile, CancellationToken cancellationToken);

    /// <summary>Renders the metatile now at bulk priority (seeding), whether or not it is stored.</summary>
    ValueTask<TileStatus> RenderAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Marks the stored metatile dirty because its data changed. At a hot zoom the grain starts
    /// re-rendering it at once; at other zooms it re-renders on the next request. A metatile
    /// that was never stored is left alone: there is nothing stale to replace.
    /// </summary>
    ValueTask<ExpireOutcome> ExpireAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits until no re-render of this metatile is pending and says how the last one ended
    /// (<see cref="TileStatus.Ok"/> when none was pending). Interleaves with other calls (Orleans'
    /// <c>[AlwaysInterleave]</c>): waiting here never holds up the grain's tile requests.
    /// </summary>
    ValueTask<TileStatus> WaitForRefreshAsync(CancellationToken cancellationToken);
}
