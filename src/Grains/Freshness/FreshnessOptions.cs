namespace TileCluster.Grains.Freshness;

/// <summary>The <c>Freshness</c> configuration section: what a silo does with expired metatiles.</summary>
public sealed class FreshnessOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Freshness";

    /// <summary>
    /// Expired metatiles at this zoom or below re-render at once, without waiting for a request;
    /// deeper zooms re-render on their next request. -1 turns immediate re-rendering off.
    /// </summary>
    public int HotMaxZoom { get; set; } = 16;

    /// <summary>
    /// How long requests for a dirty tile may wait for its re-render before they get the stale
    /// tile; counted from when the re-render started, so a burst of requests waits at most this
    /// long in all.
    /// </summary>
    public TimeSpan DirtyWaitBudget { get; set; } = TimeSpan.FromSeconds(1);
}
