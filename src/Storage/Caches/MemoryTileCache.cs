using System.Collections.Concurrent;
using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Storage.Caches;

/// <summary>
/// The <c>memory</c> tier: hot tiles in this gateway, bounded by bytes. Eviction is second-chance
/// FIFO (CLOCK): cheap on the hit path (one flag write) and close to LRU for tiles. Entries also
/// expire after a TTL so the gateway never serves a tile much older than its grain's.
/// </summary>
internal sealed class MemoryTileCache(long capacityBytes, TimeSpan ttl, TimeProvider time) : ITileCache
{
    private readonly ConcurrentDictionary<TileCacheKey, MemoryEntry> _entries = new();
    private readonly ConcurrentQueue<TileCacheKey> _clock = new();
    private readonly long _ttlTicks = (long)(ttl.TotalSeconds * time.TimestampFrequency);
    private long _bytes;

    public int Count => _entries.Count;

    public long Bytes => Interlocked.Read(ref _bytes);

    public ValueTask<CachedTile?> GetAsync(TileCacheKey key, CancellationToken cancellationToken) => new(Get(key));

    /// <summary>The tile, or null: synchronous, for the chain's hot path.</summary>
    public CachedTile? Get(in TileCacheKey key)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.ExpiresAtTicks > time.GetTimestamp())
            {
                entry.Referenced = true;
                return entry.Tile;
            }

            Remove(key, entry);
        }

        return null;
    }

    public ValueTask SetAsync(TileCacheKey key, CachedTile tile, CancellationToken cancellationToken)
    {
        // One tile may not take more than a sixteenth of the budget, so a few huge tiles cannot flush the rest.
        if (tile.Bytes.Length > capacityBytes / 16)
        {
            return default;
        }

        var entry = new MemoryEntry(tile, time.GetTimestamp() + _ttlTicks);
        _entries.AddOrUpdate(
            key,
            static (_, state) => { state.Self.Added(state.Key, state.Entry); return state.Entry; },
            static (_, old, state) => { state.Self.Replaced(old, state.Entry); return state.Entry; },
            (Self: this, Key: key, Entry: entry));
        Evict();
        return default;
    }

    /// <remarks>One pass over the cache (bounded by its size), rather than 64 lookups per expired metatile.</remarks>
    public ValueTask RemoveAsync(IReadOnlyList<ExpiryTarget> targets, CancellationToken cancellationToken)
    {
        Remove(targets);
        return default;
    }

    /// <summary>Drops every tile inside the metatiles of <paramref name="targets"/>.</summary>
    /// <returns>How many tiles were dropped.</returns>
    public int Remove(IReadOnlyList<ExpiryTarget> targets) =>
        RemoveWhere(key =>
        {
            foreach (var target in targets)
            {
                if (key.Scale == target.Scale && key.Style == target.Style && target.Metatiles.Contains(key.Tile))
                {
                    return true;
                }
            }

            return false;
        });

    /// <summary>Drops every cached tile of <paramref name="style"/>.</summary>
    /// <returns>How many tiles were dropped.</returns>
    public int RemoveStyle(string style) => RemoveWhere(key => key.Style == style);

    /// <summary>Drops everything.</summary>
    public void Clear() => RemoveWhere(static _ => true);

    private int RemoveWhere(Func<TileCacheKey, bool> predicate)
    {
        int dropped = 0;
        foreach (var (key, entry) in _entries)
        {
            if (predicate(key) && Remove(key, entry))
            {
                dropped++;
            }
        }

        return dropped;
    }

    private void Added(TileCacheKey key, MemoryEntry entry)
    {
        Interlocked.Add(ref _bytes, entry.Tile.Bytes.Length);
        _clock.Enqueue(key);
    }

    private void Replaced(MemoryEntry old, MemoryEntry entry) => Interlocked.Add(ref _bytes, entry.Tile.Bytes.Length - old.Tile.Bytes.Length);

    private bool Remove(TileCacheKey key, MemoryEntry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<TileCacheKey, MemoryEntry>(key, entry)))
        {
            Interlocked.Add(ref _bytes, -entry.Tile.Bytes.Length);
            return true;
        }

        return false;
    }

    private void Evict()
    {
        // Bounded sweep: each key gets at most one second chance per pass.
        int budget = _clock.Count * 2;
        while (Interlocked.Read(ref _bytes) > capacityBytes && budget-- > 0 && _clock.TryDequeue(out var key))
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                continue;
            }

            if (entry.Referenced)
            {
                entry.Referenced = false;
                _clock.Enqueue(key);
                continue;
            }

            Remove(key, entry);
        }
    }
}
