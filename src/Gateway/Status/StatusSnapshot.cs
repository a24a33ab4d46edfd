using TileCluster.Grains.Abstractions.Grains;

using SiloStatus = TileCluster.Grains.Abstractions.Grains.SiloStatus;

namespace TileCluster.Gateway.Status;

/// <summary>The body of <c>/status.json</c>.</summary>
internal sealed record StatusSnapshot(GatewayStatus Gateway, IReadOnlyList<SiloStatus> Silos);
