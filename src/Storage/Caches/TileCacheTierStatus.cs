namespace TileCluster.Storage.Caches;

/// <summary>A tier's counters since start, for the status page.</summary>
/// <param name="Index">Its place in the chain, 0 = tried first.</param>
/// <param name="Kind">memory, redis or memcached.</param>
/// <param name="Hits">Lookups it answered.</param>
/// <param name="Misses">Lookups it did not hold.</param>
/// <param name="Errors">Calls that failed or timed out (lookups, writes and removals).</param>
/// <param name="Skipped">Calls not made because its circuit was open.</param>
/// <param name="Open">Shared tiers: whether it is being skipped now.</param>
/// <param name="Entries">Memory tier: tiles held.</param>
/// <param name="Bytes">Memory tier: bytes held.</param>
/// <param name="Chain">The chain it belongs to (<c>Cache:Chains:{name}</c>).</param>
public sealed record TileCacheTierStatus(int Index, string Kind, long Hits, long Misses, long Errors, long Skipped, bool? Open, int? Entries, long? Bytes, string Chain);
