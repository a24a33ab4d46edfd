using System.Globalization;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Gateway.Http;

/// <summary>Cache-Control values by zoom and freshness, formatted once at start-up.</summary>
internal sealed class CacheHeaders
{
    private readonly string[] _fresh = new string[TileCoord.MaxSupportedZoom + 1];

    public CacheHeaders(IOptions<GatewayOptions> options)
    {
        var o = options.Value;
        IReadOnlyList<CacheRule> rules = o.CacheControl.Count > 0 ? o.CacheControl : GatewayOptions.DefaultCacheControl;
        long swr = (long)o.StaleWhileRevalidate.TotalSeconds;
        for (int z = 0; z < _fresh.Length; z++)
        {
            var maxAge = MaxAgeFor(rules, z);
            _fresh[z] = string.Create(CultureInfo.InvariantCulture, $"public, max-age={(long)maxAge.TotalSeconds}, stale-while-revalidate={swr}");
        }

        // A dirty tile must not stick in caches: short max-age, and revalidation may serve it only briefly.
        long dirty = (long)o.DirtyMaxAge.TotalSeconds;
        Dirty = string.Create(CultureInfo.InvariantCulture, $"public, max-age={dirty}, stale-while-revalidate={dirty}");
    }

    /// <summary>Cache-Control for a tile that was served stale.</summary>
    public string Dirty { get; }

    /// <summary>Cache-Control for a fresh tile at <paramref name="zoom"/>.</summary>
    public string Fresh(int zoom) => _fresh[zoom];

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
