namespace TileCluster.Gateway.Status;

/// <summary>The gateway's own counters.</summary>
internal sealed record GatewayStatus(int HotTiles, long HotBytes, long CacheHits, long NotModified, long Misses, long Unavailable);
