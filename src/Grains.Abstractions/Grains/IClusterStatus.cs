namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>Operator-facing figures of the grain runtime, for the status page.</summary>
public interface IClusterStatus
{
    /// <summary>A snapshot of every silo's counters.</summary>
    ValueTask<IReadOnlyList<SiloStatus>> GetSilosAsync(CancellationToken cancellationToken);

    /// <summary>Whether grain calls can be placed now: at least one active silo is known.</summary>
    bool CanPlaceGrains { get; }
}
