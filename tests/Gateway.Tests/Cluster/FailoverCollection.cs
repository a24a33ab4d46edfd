namespace TileCluster.Gateway.Tests.Cluster;

/// <summary>
/// Tests that kill, stop or cut off parts of a cluster under load and time how it recovers. They
/// run one at a time and alone, after the rest: on two cores, other tests' renders beside them
/// would measure the machine's load rather than the cluster's failover.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FailoverCollection
{
    public const string Name = "failover";
}
