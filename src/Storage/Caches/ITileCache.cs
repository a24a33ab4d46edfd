using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Storage.Caches;

/// <summary>
/// One cache tier in front of the grains (memory, Redis, memcached), after TileStache's caches:
/// the tile is the unit of caching, the metatile the unit of expiry. A tier that cannot answer
/// (its server is down or slow) throws; the <see cref="TileCacheChain"/> that holds it skips it.
/// </summary>
public interface ITileCache
{
    /// <summary>The cached tile, or null when the tier does not hold it (or its copy outlived the tier's TTL).</summary>
    ValueTask<CachedTile?> GetAsync(TileCacheKey key, CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="tile"/> for the tier's TTL, within its byte budget.</summary>
    ValueTask SetAsync(TileCacheKey key, CachedTile tile, CancellationToken cancellationToken);

    /// <summary>Drops every tile inside the metatiles of <paramref name="targets"/> (an ingested expire list).</summary>
    ValueTask RemoveAsync(IReadOnlyList<ExpiryTarget> targets, CancellationToken cancellationToken);
}
