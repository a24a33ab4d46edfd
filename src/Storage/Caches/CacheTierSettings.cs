using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Storage.Caches;

/// <summary>A tier's settings with the kind's defaults filled in.</summary>
internal sealed record CacheTierSettings(
    string Chain,
    int Index,
    string Kind,
    long BudgetBytes,
    TimeSpan Ttl,
    string Connection,
    string KeyPrefix,
    TimeSpan Timeout,
    TimeSpan BreakDuration,
    int Connections)
{
    public const int DefaultMemoryMegabytes = 256;
    public const int DefaultRedisMegabytes = 256;
    public static readonly TimeSpan DefaultMemoryTtl = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan DefaultSharedTtl = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan DefaultBreakDuration = TimeSpan.FromSeconds(5);
    public const int DefaultConnections = 8;

    /// <summary>How the tier is named in logs, metrics and the status page: <c>0 (memory)</c>, or <c>shared:0 (redis)</c> outside the default chain.</summary>
    public string Label => Chain == CacheOptions.DefaultChain ? $"{Index} ({Kind})" : $"{Chain}:{Index} ({Kind})";

    public static CacheTierSettings Resolve(string chain, int index, CacheTierOptions tier, OrleansClusterOptions cluster)
    {
        string kind = tier.Kind.Trim().ToLowerInvariant();
        int megabytes = tier.Megabytes ?? (kind == CacheTierKinds.Redis ? DefaultRedisMegabytes : DefaultMemoryMegabytes);
        return new CacheTierSettings(
            chain,
            index,
            kind,
            megabytes * 1024L * 1024L,
            tier.Ttl ?? (kind == CacheTierKinds.Memory ? DefaultMemoryTtl : DefaultSharedTtl),
            tier.Connection ?? (kind == CacheTierKinds.Redis ? cluster.Redis : string.Empty),
            tier.KeyPrefix ?? (chain == CacheOptions.DefaultChain ? $"{cluster.ClusterId}:tiles:" : $"{cluster.ClusterId}:tiles:{chain}:"),
            tier.Timeout ?? DefaultTimeout,
            tier.BreakDuration ?? DefaultBreakDuration,
            tier.Connections ?? DefaultConnections);
    }
}
