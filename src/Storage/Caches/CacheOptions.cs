namespace TileCluster.Storage.Caches;

/// <summary>
/// The <c>Cache</c> configuration section: named chains of cache tiers, fastest first. Every layer
/// uses the chain named <see cref="DefaultChain"/>; per-layer chain names come with the layer model.
/// Without the section the chain is one memory tier with its defaults.
/// </summary>
public sealed class CacheOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Cache";

    /// <summary>The chain every layer uses.</summary>
    public const string DefaultChain = "default";

    /// <summary>Chains of tiers by name, each tried in order (fastest first).</summary>
    public Dictionary<string, List<CacheTierOptions>> Chains { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The tiers of the default chain: as configured, or one memory tier.</summary>
    public IReadOnlyList<CacheTierOptions> DefaultTiers() =>
        Chains.TryGetValue(DefaultChain, out var tiers) ? tiers : [new CacheTierOptions { Kind = CacheTierKinds.Memory }];
}
