namespace TileCluster.Storage.Caches;

/// <summary>
/// One tier of a chain: its <see cref="Kind"/> and the settings that kind takes. A setting left out
/// takes the kind's default; a setting the kind does not take is a configuration error (a
/// <c>none</c> tier ignores them all, so a tier is switched off by its <c>Kind</c> alone).
/// </summary>
public sealed class CacheTierOptions
{
    /// <summary><c>memory</c>, <c>redis</c>, <c>memcached</c> or <c>none</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>memory, redis: the byte budget in MiB.</summary>
    public int? Megabytes { get; set; }

    /// <summary>memory, redis, memcached: how long a tile is kept before the grain is asked again.</summary>
    public TimeSpan? Ttl { get; set; }

    /// <summary>redis: a StackExchange.Redis connection string (default: the cluster's, <c>Cluster:Redis</c>); memcached: <c>host:port</c>.</summary>
    public string? Connection { get; set; }

    /// <summary>redis, memcached: the prefix of every key (default <c>{Cluster:ClusterId}:tiles:</c>, and <c>{Cluster:ClusterId}:tiles:{chain}:</c> in chains other than <c>default</c>), so clusters can share a server.</summary>
    public string? KeyPrefix { get; set; }

    /// <summary>redis, memcached: longest wait for one answer before the tier is skipped for this request.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>redis, memcached: how long a failing tier is skipped before it is tried again.</summary>
    public TimeSpan? BreakDuration { get; set; }

    /// <summary>memcached: connections kept open to the server (the most requests in flight at once).</summary>
    public int? Connections { get; set; }
}
