namespace TileCluster.Gateway.Http;

/// <summary>The <c>Http</c> configuration section: how the gateway answers clients.</summary>
public sealed class GatewayOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Http";

    /// <summary>
    /// Max-age by zoom; the first rule whose MaxZoom is at or above the tile's zoom applies.
    /// Low zooms change rarely and are cached long; high zooms change with every diff.
    /// Replaced as a whole when configured.
    /// </summary>
    public List<CacheRule> CacheControl { get; set; } = [];

    /// <summary>stale-while-revalidate on fresh tiles: caches may serve a stale tile this long while they refetch.</summary>
    public TimeSpan StaleWhileRevalidate { get; set; } = TimeSpan.FromDays(1);

    /// <summary>max-age for tiles served stale while a re-render is pending.</summary>
    public TimeSpan DirtyMaxAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Origins allowed by CORS; "*" allows any.</summary>
    public List<string> CorsOrigins { get; set; } = [];

    /// <summary>Longest request path accepted, in characters.</summary>
    public int MaxPathLength { get; set; } = 200;

    /// <summary>Longest a tile request may wait for a render before it gets 503.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The rules used when none are configured.</summary>
    public static IReadOnlyList<CacheRule> DefaultCacheControl { get; } =
    [
        new() { MaxZoom = 10, MaxAge = TimeSpan.FromDays(7) },
        new() { MaxZoom = 14, MaxAge = TimeSpan.FromDays(1) },
        new() { MaxZoom = 24, MaxAge = TimeSpan.FromHours(2) },
    ];
}
