using Orleans.Placement;

namespace TileCluster.Grains.Placement;

/// <summary>Marks a grain class for <see cref="NamedSiloPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class NamedSiloPlacementAttribute() : PlacementAttribute(NamedSiloPlacement.Instance);
