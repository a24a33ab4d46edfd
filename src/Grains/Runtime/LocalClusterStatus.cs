using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Freshness;
using TileCluster.Grains.Runtime.Cluster;
using TileCluster.Rendering.Scheduling;

namespace TileCluster.Grains.Runtime;

/// <summary>This silo's own figures (served at <c>/internal/status</c> for the gateways' status pages).</summary>
internal sealed class LocalClusterStatus(
    ActivationTable<MetatileKey, IMetatileGrain> activations,
    RenderPool pool,
    RenderStatistics statistics,
    FreshnessMetrics freshness,
    SiloIdentity identity,
    MembershipAgent membership) : IClusterStatus
{
    public bool CanPlaceGrains => membership.State == SiloState.Active;

    public ValueTask<IReadOnlyList<SiloStatus>> GetSilosAsync(CancellationToken cancellationToken)
    {
        var depth = new Dictionary<string, int>();
        var dropped = new Dictionary<string, long>();
        foreach (var priority in Enum.GetValues<RenderPriority>())
        {
            depth[priority.ToString()] = pool.Queue.DepthOf(priority);
            dropped[priority.ToString()] = pool.Queue.DroppedAt(priority);
        }

        var silo = new SiloStatus(
            identity.SiloId,
            membership.State.ToString().ToLowerInvariant(),
            activations.Count,
            depth,
            statistics.Renders,
            statistics.Failures,
            pool.Queue.Rejected + pool.Queue.Evicted,
            statistics.ByZoom(),
            new SiloFreshness(freshness.Dirtied, freshness.NotStored, freshness.Refreshed, dropped));
        return ValueTask.FromResult<IReadOnlyList<SiloStatus>>([silo]);
    }
}
