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

    /// <summary>Drops every cached tile inside the metatiles of the targets (style, scale and metatile set).</summary>
    /// <returns>How many tiles were dropped.</returns>
    /// <remarks>One pass over the cache (bounded by its size), rather than 64 lookups per expired metatile.</remarks>
    public int InvalidateMetatiles(IReadOnlyList<ExpiryTarget> targets) =>
        RemoveWhere(key => targets.Any(t => key.Scale == t.Scale && key.Style == t.Style && t.Metatiles.Contains(key.Tile)));

    /// <summary>Drops every cached tile of <paramref name="style"/>.</summary>
    /// <returns>How many tiles were dropped.</returns>
    public int InvalidateStyle(string style) => RemoveWhere(key => key.Style == style);

    /// <summary>Drops everything.</summary>
    public void Clear() => RemoveWhere(static _ => true);

    private int RemoveWhere(Func<TileCacheKey, bool> predicate)
    {
        int dropped = 0;
        foreach (var (key, tile) in _entries)
        {
            if (predicate(key))
            {
                Remove(key, tile);
                dropped++;
            }
        }

        return dropped;
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
