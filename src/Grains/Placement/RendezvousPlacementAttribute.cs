using Orleans.Placement;

namespace TileCluster.Grains.Placement;

/// <summary>Marks a grain class for <see cref="RendezvousPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RendezvousPlacementAttribute() : PlacementAttribute(RendezvousPlacement.Instance);
