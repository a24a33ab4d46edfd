namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>One silo's counters.</summary>
/// <param name="SiloId">The silo's name (stable across restarts).</param>
/// <param name="Address">The silo's Orleans address.</param>
/// <param name="Status">Orleans membership status: active, shuttingdown, …</param>
/// <param name="Activations">Grain activations in memory now.</param>
/// <param name="QueueDepthByPriority">Render jobs waiting, by priority name.</param>
/// <param name="Renders">Metatiles rendered since start.</param>
/// <param name="RenderFailures">Renders that failed since start.</param>
/// <param name="Rejected">Render requests refused because the queue was full.</param>
/// <param name="RenderTimeByZoom">Render time statistics by zoom.</param>
/// <param name="Freshness">Expiries and re-renders of dirty metatiles since start.</param>
[GenerateSerializer]
[Immutable]
public sealed record SiloStatus(
    string SiloId,
    string Address,
    string Status,
    int Activations,
    Dictionary<string, int> QueueDepthByPriority,
    long Renders,
    long RenderFailures,
    long Rejected,
    ZoomRenderStats[] RenderTimeByZoom,
    SiloFreshness Freshness);

/// <summary>A silo's expiry figures since start.</summary>
/// <param name="Dirtied">Expiries that marked a stored metatile dirty.</param>
/// <param name="NotStored">Expiries of metatiles never stored (nothing done).</param>
/// <param name="Refreshed">Dirty metatiles re-rendered.</param>
/// <param name="DroppedByPriority">Render jobs refused or evicted because the queue was full, by priority.</param>
[GenerateSerializer]
[Immutable]
public sealed record SiloFreshness(long Dirtied, long NotStored, long Refreshed, Dictionary<string, long> DroppedByPriority);
