using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Storage.Caches.Memcached;

namespace TileCluster.Storage.Caches;

/// <summary>
/// The <c>memcached</c> tier: tiles shared by every gateway in a memcached, each for the tier's TTL.
/// memcached's own memory limit (<c>-m</c>) and LRU are the budget. memcached cannot list keys, so
/// an expiry deletes every tile key of each expired metatile, pipelined.
/// </summary>
internal sealed class MemcachedTileCache(MemcachedClient client, CacheTierSettings settings) : ITileCache, IAsyncDisposable
{
    /// <summary>Deletes per pipelined write: 4096 keys are about 160 KB of commands.</summary>
    private const int DeleteBatch = 4096;

    private readonly int _ttlSeconds = (int)Math.Ceiling(settings.Ttl.TotalSeconds);

    public async ValueTask<CachedTile?> GetAsync(TileCacheKey key, CancellationToken cancellationToken) =>
        await client.GetAsync(settings.KeyPrefix + key.SharedId(), cancellationToken) is { } value ? CachedTileCodec.Decode(value) : null;

    public async ValueTask SetAsync(TileCacheKey key, CachedTile tile, CancellationToken cancellationToken) =>
        await client.SetAsync(settings.KeyPrefix + key.SharedId(), CachedTileCodec.Encode(tile), _ttlSeconds, cancellationToken);

    public async ValueTask RemoveAsync(IReadOnlyList<ExpiryTarget> targets, CancellationToken cancellationToken)
    {
        var batch = new List<string>(DeleteBatch);
        foreach (var target in targets)
        {
            foreach (var metatile in target.Metatiles.Enumerate())
            {
                string prefix = settings.KeyPrefix + TileCacheKey.MetatilePrefix(target.Style, target.Scale, metatile);
                for (int dx = 0; dx < metatile.TilesPerSide; dx++)
                {
                    for (int dy = 0; dy < metatile.TilesPerSide; dy++)
                    {
                        batch.Add($"{prefix}{dx}/{dy}");
                    }
                }

                if (batch.Count >= DeleteBatch)
                {
                    await client.DeleteManyAsync(batch, cancellationToken);
                    batch.Clear();
                }
            }
        }

        if (batch.Count > 0)
        {
            await client.DeleteManyAsync(batch, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
