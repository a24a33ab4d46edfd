namespace TileCluster.Storage.Caches;

/// <summary>A tile in the memory tier, with its expiry and its CLOCK bit.</summary>
internal sealed class MemoryEntry(CachedTile tile, long expiresAtTicks)
{
    public CachedTile Tile { get; } = tile;

    /// <summary>When the entry stops being served, in <see cref="TimeProvider.GetTimestamp"/> ticks.</summary>
    public long ExpiresAtTicks { get; } = expiresAtTicks;

    /// <summary>Second-chance bit for eviction: set on every hit, cleared when the sweep passes.</summary>
    public volatile bool Referenced;
}
