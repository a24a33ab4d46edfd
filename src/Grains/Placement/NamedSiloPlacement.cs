using Orleans.Runtime;

namespace TileCluster.Grains.Placement;

/// <summary>Places a grain whose key is a silo name on that silo (per-silo agents).</summary>
[GenerateSerializer]
[Immutable]
public sealed class NamedSiloPlacement : PlacementStrategy
{
    internal static readonly NamedSiloPlacement Instance = new();
}
