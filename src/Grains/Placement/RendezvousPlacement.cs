using Orleans.Runtime;

namespace TileCluster.Grains.Placement;

/// <summary>
/// Places a metatile grain on the active silo that wins its key under rendezvous hashing over
/// silo names, so a grain re-activates where its tiles are stored.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed class RendezvousPlacement : PlacementStrategy
{
    internal static readonly RendezvousPlacement Instance = new();
}
