namespace TileCluster.Storage.Caches;

/// <summary>
/// The <c>Cache</c> configuration section: named chains of cache tiers, fastest first. A layer uses
/// the chain its <c>Layers:{name}:Cache</c> names, <see cref="DefaultChain"/> unless set. Without a
/// <c>default</c> entry that chain is one memory tier with its defaults.
/// </summary>
public sealed class CacheOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Cache";

    /// <summary>The chain a layer uses unless it names another.</summary>
    public const string DefaultChain = "default";

    /// <summary>Chains of tiers by name, each tried in order (fastest first).</summary>
    public Dictionary<string, List<CacheTierOptions>> Chains { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The tiers of a chain: as configured; for <see cref="DefaultChain"/> when not configured, one memory tier.</summary>
    public IReadOnlyList<CacheTierOptions>? TiersOf(string chain) =>
        Chains.TryGetValue(chain, out var tiers) ? tiers
        : chain == DefaultChain ? [new CacheTierOptions { Kind = CacheTierKinds.Memory }]
        : null;
}
