namespace TileCluster.Gateway.Http;

/// <summary>One row of the zoom → Cache-Control table: tiles at zooms up to <see cref="MaxZoom"/> get <see cref="MaxAge"/>.</summary>
public sealed class CacheRule
{
    /// <summary>Highest zoom the rule applies to.</summary>
    public int MaxZoom { get; set; }

    /// <summary>Cache-Control max-age.</summary>
    public TimeSpan MaxAge { get; set; }
}
