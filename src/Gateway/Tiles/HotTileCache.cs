using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Gateway.Tiles;

/// <summary>
/// A small in-memory cache of hot tiles in front of the grains, bounded by bytes. Eviction is
/// second-chance FIFO (CLOCK): cheap on the hit path (one flag write) and close to LRU for tiles.
/// Entries also expire after a TTL so the gateway never serves a tile much older than its grain's.
/// </summary>
internal sealed class HotTileCache(IOptions<GatewayOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<TileCacheKey, CachedTile> _entries = new();
    private readonly ConcurrentQueue<TileCacheKey> _clock = new();
    private readonly long _capacityBytes = options.Value.HotCacheMegabytes * 1024L * 1024L;
    private readonly long _ttlTicks = (long)(options.Value.HotCacheTtl.TotalSeconds * time.TimestampFrequency);
    private long _bytes;

    public int Count => _entries.Count;

    public long Bytes => Interlocked.Read(ref _bytes);

    public bool TryGet(in TileCacheKey key, out CachedTile tile)
    {
        if (_entries.TryGetValue(key, out tile!))
        {
            if (tile.ExpiresAtTicks > time.GetTimestamp())
            {
                tile.Referenced = true;
                return true;
            }

            Remove(key, tile);
        }

        tile = null!;
        return false;
    }

    public void Set(in TileCacheKey key, byte[] bytes, string etag, DateTimeOffset lastModified)
    {
        if (_capacityBytes <= 0 || bytes.Length > _capacityBytes / 16)
        {
            return;
        }

        var entry = new CachedTile(bytes, etag, lastModified, time.GetTimestamp() + _ttlTicks);
        _entries.AddOrUpdate(
            key,
            static (_, state) => { state.Self.Added(state.Key, state.Entry); return state.Entry; },
            static (_, old, state) => { state.Self.Replaced(old, state.Entry); return state.Entry; },
            (Self: this, Key: key, Entry: entry));
        Evict();
    }

    /// <summary>Drops one tile (after an expiry).</summary>
    public void Invalidate(in TileCacheKey key)
    {
        if (_entries.TryGetValue(key, out var tile))
        {
            Remove(key, tile);
        }
    }

    /// <summary>Drops every cached tile inside the metatiles of the targets (style, scale and metatile set).</summary>
    /// <returns>How many tiles were dropped.</returns>
    public int InvalidateMetatiles(IReadOnlyList<ExpiryTarget> targets)
    {
        // One pass over the cache (bounded by its size), rather than 64 lookups per expired metatile.
        int dropped = 0;
        foreach (var (key, tile) in _entries)
        {
            foreach (var target in targets)
            {
                if (key.Scale == target.Scale && key.Style == target.Style && target.Metatiles.Contains(key.Tile))
                {
                    Remove(key, tile);
                    dropped++;
                    break;
                }
            }
        }

        return dropped;
    }

    /// <summary>Drops every cached tile of <paramref name="style"/>.</summary>
    public int InvalidateStyle(string style)
    {
        int dropped = 0;
        foreach (var (key, tile) in _entries)
        {
            if (key.Style == style)
            {
                Remove(key, tile);
                dropped++;
            }
        }

        return dropped;
    }

    /// <summary>Drops everything.</summary>
    public void Clear()
    {
        foreach (var (key, tile) in _entries)
        {
            Remove(key, tile);
        }
    }

    private void Added(TileCacheKey key, CachedTile entry)
    {
        Interlocked.Add(ref _bytes, entry.Bytes.Length);
        _clock.Enqueue(key);
    }

    private void Replaced(CachedTile old, CachedTile entry) => Interlocked.Add(ref _bytes, entry.Bytes.Length - old.Bytes.Length);

    private void Remove(TileCacheKey key, CachedTile tile)
    {
        if (_entries.TryRemove(new KeyValuePair<TileCacheKey, CachedTile>(key, tile)))
        {
            Interlocked.Add(ref _bytes, -tile.Bytes.Length);
        }
    }

    private void Evict()
    {
        // Bounded sweep: each key gets at most one second chance per pass.
        int budget = _clock.Count * 2;
        while (Interlocked.Read(ref _bytes) > _capacityBytes && budget-- > 0 && _clock.TryDequeue(out var key))
        {
            if (!_entries.TryGetValue(key, out var tile))
            {
                continue;
            }

            if (tile.Referenced)
            {
                tile.Referenced = false;
                _clock.Enqueue(key);
                continue;
            }

            Remove(key, tile);
        }
    }
}
