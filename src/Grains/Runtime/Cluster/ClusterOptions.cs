namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>The <c>Cluster</c> configuration section: membership and calls between processes.</summary>
public sealed class ClusterOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Cluster";

    /// <summary>Name of the cluster: processes with the same name (and database) form one cluster.</summary>
    public string ClusterId { get; set; } = "tilecluster";

    /// <summary>This silo's stable id; defaults to host name and process id. In Kubernetes: the pod name.</summary>
    public string? SiloId { get; set; }

    /// <summary>The URL other processes use to reach this silo, e.g. http://10.0.0.7:8081. Required on silos.</summary>
    public string? AdvertisedUrl { get; set; }

    /// <summary>How often a silo writes its heartbeat and everyone re-reads the membership table.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose heartbeat is older than this is dead to everyone.</summary>
    public TimeSpan DeadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a stopping silo waits for in-flight calls before it leaves.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a silo may leave a call (status, expiry batch) or an HTTP/2 ping unanswered before
    /// the next owner is tried. Tile calls waiting for a render are bounded by the gateway's
    /// <c>Http:RequestTimeout</c> instead, as long as the silo answers pings.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time to wait for a connection to a silo before it counts as unreachable.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
