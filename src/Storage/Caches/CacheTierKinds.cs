namespace TileCluster.Storage.Caches;

/// <summary>The <c>Kind</c> values of a cache tier.</summary>
public static class CacheTierKinds
{
    /// <summary>This gateway's memory: a byte budget with CLOCK eviction and a TTL.</summary>
    public const string Memory = "memory";

    /// <summary>A Redis shared by the gateways: a byte budget kept by our own accounting, and a TTL.</summary>
    public const string Redis = "redis";

    /// <summary>A memcached shared by the gateways, over its text protocol; memcached's own memory limit is the budget.</summary>
    public const string Memcached = "memcached";

    /// <summary>Keeps nothing: switches a tier off without removing it.</summary>
    public const string None = "none";

    /// <summary>Every kind, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Memory, Redis, Memcached, None];
}
