using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Storage.Caches;

/// <summary>
/// The gateway's cache chains by name (<c>Cache:Chains</c>), and which one each layer passes
/// through (<c>Layers:{name}:Cache</c>, <c>default</c> unless set). Only chains some layer uses
/// (and <c>default</c>) are built. Expiries reach each chain for the layers that use it.
/// </summary>
public sealed class TileCaches : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, TileCacheChain> _chains;
    private readonly Dictionary<string, TileCacheChain> _byLayer;
    private readonly TileCacheChain _default;

    internal TileCaches(IReadOnlyDictionary<string, TileCacheChain> chains, IReadOnlyDictionary<string, string> layerChains)
    {
        _chains = chains;
        _default = chains[CacheOptions.DefaultChain];
        _byLayer = layerChains.ToDictionary(p => p.Key, p => chains[p.Value], StringComparer.Ordinal);
    }

    /// <summary>The chain <paramref name="layer"/>'s tiles pass through; <c>default</c> for a name no layer has.</summary>
    public TileCacheChain For(string layer) => _byLayer.TryGetValue(layer, out var chain) ? chain : _default;

    /// <summary>Every chain's tiers' counters, chain by chain, fastest first.</summary>
    public IReadOnlyList<TileCacheTierStatus> Status() => [.. _chains.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => c.Value.Status())];

    /// <summary>Removes the tiles of <paramref name="targets"/> from every tier of the chains their layers use.</summary>
    public async ValueTask RemoveAsync(IReadOnlyList<ExpiryTarget> targets, CancellationToken cancellationToken)
    {
        foreach (var (chain, theirs) in ByChain(targets))
        {
            await chain.RemoveAsync(theirs, cancellationToken);
        }
    }

    /// <summary>Drops the tiles of <paramref name="targets"/> from this gateway's own tiers only.</summary>
    public void RemoveFromLocalTiers(IReadOnlyList<ExpiryTarget> targets)
    {
        foreach (var (chain, theirs) in ByChain(targets))
        {
            chain.RemoveFromLocalTiers(theirs);
        }
    }

    /// <summary>Drops every tile of <paramref name="style"/> from this gateway's own tiers; returns how many.</summary>
    public int RemoveStyleFromLocalTiers(string style) => For(style).RemoveStyleFromLocalTiers(style);

    /// <summary>Empties this gateway's own tiers in every chain.</summary>
    public void ClearLocalTiers()
    {
        foreach (var chain in _chains.Values)
        {
            chain.ClearLocalTiers();
        }
    }

    private IEnumerable<(TileCacheChain Chain, IReadOnlyList<ExpiryTarget> Targets)> ByChain(IReadOnlyList<ExpiryTarget> targets) =>
        targets.GroupBy(t => For(t.Style)).Select(g => (g.Key, (IReadOnlyList<ExpiryTarget>)[.. g]));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var chain in _chains.Values)
        {
            await chain.DisposeAsync();
        }
    }
}
