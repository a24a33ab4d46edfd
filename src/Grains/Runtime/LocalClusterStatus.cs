using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Scheduling;

namespace TileCluster.Grains.Runtime;

/// <summary>Status of the one in-process silo.</summary>
internal sealed class LocalClusterStatus(
    ActivationTable<MetatileKey, IMetatileGrain> activations,
    RenderPool pool,
    RenderStatistics statistics) : IClusterStatus
{
    private readonly string _siloId = $"{Environment.MachineName}/{Environment.ProcessId}";

    public ValueTask<IReadOnlyList<SiloStatus>> GetSilosAsync(CancellationToken cancellationToken)
    {
        var depth = new Dictionary<string, int>();
        foreach (var priority in Enum.GetValues<RenderPriority>())
        {
            depth[priority.ToString()] = pool.Queue.DepthOf(priority);
        }

        var silo = new SiloStatus(
            _siloId,
            "active",
            activations.Count,
            depth,
            statistics.Renders,
            statistics.Failures,
            pool.Queue.Rejected + pool.Queue.Evicted,
            statistics.ByZoom());
        return ValueTask.FromResult<IReadOnlyList<SiloStatus>>([silo]);
    }
}
