using TileCluster.Storage.Caches;

namespace TileCluster.Gateway.Status;

/// <summary>The gateway's own counters: responses by outcome, and each cache tier's.</summary>
internal sealed record GatewayStatus(long CacheHits, long NotModified, long Misses, long Unavailable, IReadOnlyList<TileCacheTierStatus> CacheTiers);
