using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>
/// One tile of a pass-through layer (<c>proxy</c>, <c>mbtiles</c>), keyed
/// <see cref="PassThroughTileKey.GrainKey"/> and placed on the silo that owns the tile's
/// metatile, so its kept file is where expiries of that metatile arrive. Concurrent requests for
/// the tile share one fetch from the source.
/// </summary>
public interface IPassThroughTileGrain : IGrainWithStringKey
{
    /// <summary>
    /// The tile: the kept copy when there is one, else fetched from the layer's source (and kept
    /// when the layer keeps tiles). A source failure is a result, never a kept tile.
    /// </summary>
    /// <param name="cancellationToken">The caller's abort signal; the shared fetch goes on for the others.</param>
    Task<TileResult> GetTileAsync(CancellationToken cancellationToken = default);
}
