namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>A member of the cluster as the membership table shows it.</summary>
/// <param name="SiloId">Stable id (the pod name in Kubernetes).</param>
/// <param name="Endpoint">Internal base URL other processes call, e.g. http://10.0.0.7:8081.</param>
/// <param name="Status">joining, active, leaving or dead.</param>
public sealed record SiloInfo(string SiloId, Uri Endpoint, SiloState Status);
