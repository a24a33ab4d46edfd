namespace TileCluster.Storage.Caches.Memcached;

/// <summary>memcached answered something the protocol does not allow here (or an error line).</summary>
internal sealed class MemcachedException(string message) : Exception(message);
