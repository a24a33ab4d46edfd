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
}
