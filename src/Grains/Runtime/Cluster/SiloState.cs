namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>A silo's life cycle in the membership table.</summary>
public enum SiloState
{
    /// <summary>Starting; not yet given keys.</summary>
    Joining,

    /// <summary>Owns keys.</summary>
    Active,

    /// <summary>Stopping: finishes in-flight work, takes no new keys.</summary>
    Leaving,

    /// <summary>Missed heartbeats past the timeout.</summary>
    Dead,
}
