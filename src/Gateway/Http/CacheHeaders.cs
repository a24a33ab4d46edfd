using System.Globalization;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Gateway.Http;

/// <summary>
/// Cache-Control values by zoom and freshness, formatted once at start-up; a layer's
/// <c>MaxCacheAge</c> replaces the zoom rules for its fresh tiles.
/// </summary>
internal sealed class CacheHeaders
{
    private readonly string[] _fresh = new string[TileCoord.MaxSupportedZoom + 1];
    private readonly Dictionary<string, string> _freshByLayer = new(StringComparer.Ordinal);

    public CacheHeaders(IOptions<GatewayOptions> options, IOptions<LayersOptions> layers)
    {
        var o = options.Value;
        IReadOnlyList<CacheRule> rules = o.CacheControl.Count > 0 ? o.CacheControl : GatewayOptions.DefaultCacheControl;
        long swr = (long)o.StaleWhileRevalidate.TotalSeconds;
        for (int z = 0; z < _fresh.Length; z++)
        {
            var maxAge = MaxAgeFor(rules, z);
            _fresh[z] = string.Create(CultureInfo.InvariantCulture, $"public, max-age={(long)maxAge.TotalSeconds}, stale-while-revalidate={swr}");
        }

        foreach (var (name, layer) in layers.Value.Layers)
        {
            if (layer.MaxCacheAge is { } age)
            {
                _freshByLayer[name] = string.Create(CultureInfo.InvariantCulture, $"public, max-age={(long)age.TotalSeconds}, stale-while-revalidate={swr}");
            }
        }

        // A dirty tile must not stick in caches: short max-age, and revalidation may serve it only briefly.
        long dirty = (long)o.DirtyMaxAge.TotalSeconds;
        Dirty = string.Create(CultureInfo.InvariantCulture, $"public, max-age={dirty}, stale-while-revalidate={dirty}");
    }

    /// <summary>Cache-Control for a tile that was served stale.</summary>
    public string Dirty { get; }

    /// <summary>Cache-Control for a fresh tile of <paramref name="layer"/> at <paramref name="zoom"/>.</summary>
    public string Fresh(string layer, int zoom) => _freshByLayer.TryGetValue(layer, out string? value) ? value : _fresh[zoom];

    private static TimeSpan MaxAgeFor(IReadOnlyList<CacheRule> rules, int zoom)
    {
        foreach (var rule in rules)
        {
            if (zoom <= rule.MaxZoom)
            {
                return rule.MaxAge;
            }
        }

        return rules[^1].MaxAge;
    }
}
