using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Gateway.Status;

/// <summary>The body of <c>/status.json</c>.</summary>
internal sealed record StatusSnapshot(GatewayStatus Gateway, IReadOnlyList<SiloStatus> Silos);
