namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>Operator-facing figures of the cluster, for the status page and readiness.</summary>
public interface IClusterStatus
{
    /// <summary>A snapshot of every active silo's counters.</summary>
    Task<IReadOnlyList<SiloStatus>> GetSilosAsync(CancellationToken cancellationToken);

    /// <summary>Whether grain calls can be placed now: the client is connected and sees an active silo.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}
