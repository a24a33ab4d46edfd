using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.PassThrough;

/// <summary>Where a pass-through layer's tiles come from: its upstream server (<c>proxy</c>) or its MBTiles file (<c>mbtiles</c>).</summary>
public interface IPassThroughSource
{
    /// <summary>
    /// Fetches one tile of <paramref name="layer"/>. Expected failures (no such tile, an upstream
    /// error, a timeout, a body that is not a tile of the layer's format) are results, not exceptions.
    /// </summary>
    /// <param name="layer">A configured pass-through layer.</param>
    /// <param name="tile">The tile, in XYZ addressing.</param>
    /// <param name="cancellationToken">Stops the fetch.</param>
    ValueTask<SourceTile> FetchAsync(string layer, TileCoord tile, CancellationToken cancellationToken);
}
