using System.Net;

namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>
/// <c>Cluster</c>: how silos and gateways find each other (Orleans membership in Redis) and how
/// quickly a dead or hung silo is noticed. Silos and gateways read the same section.
/// </summary>
public sealed class OrleansClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cluster";

    /// <summary>StackExchange.Redis connection string of the membership store, e.g. <c>127.0.0.1:63790</c>.</summary>
    public string Redis { get; set; } = string.Empty;

    /// <summary>Orleans cluster id: silos and gateways with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "tilecluster";

    /// <summary>Orleans service id: stays the same across deployments of this service.</summary>
    public string ServiceId { get; set; } = "tilecluster";

    /// <summary>Silo only: its stable name (the pod name in Kubernetes); placement hashes keys over names. Default: the host name.</summary>
    public string? SiloName { get; set; }

    /// <summary>Silo only: the IP address other silos and gateways reach it at. Default: the first non-loopback address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Silo only: silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Silo only: the port Orleans clients (gateways) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>How long a silo waits for a probe answer before counting it missed.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes after which a silo votes its peer dead.</summary>
    public int NumMissedProbesLimit { get; set; } = 2;

    /// <summary>
    /// Silo only: how often a silo renews its "I am alive" time in the membership table. A silo
    /// that has not renewed it for three periods no longer counts as active for silos joining, so
    /// after every silo died at once (nobody left to vote the dead ones out) new silos wait at
    /// most three periods for the old entries before they start (Orleans' default, 30 s, made that 90 s).
    /// </summary>
    public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gateway only: how often it re-reads the list of silos it can connect to.</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Orleans' own limit on one grain call.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gateway only: how long one attempt of a tile call may take before the gateway tries again
    /// (within <c>Http:RequestTimeout</c>). A retry of a slow render joins the same in-flight
    /// render; a call lost in a dead or hung silo is retried on the grain's new home.
    /// </summary>
    public TimeSpan CallAttemptTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Silo only: how long a stopping silo waits for its grains to finish and deactivate.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The problems with these settings, each naming its key; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate(bool silo)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Redis))
        {
            problems.Add("Cluster:Redis is required (a Redis connection string such as 127.0.0.1:6379)");
        }

        if (string.IsNullOrWhiteSpace(ClusterId) || string.IsNullOrWhiteSpace(ServiceId))
        {
            problems.Add("Cluster:ClusterId and Cluster:ServiceId must not be empty");
        }

        if (silo)
        {
            if (SiloPort is < 1 or > 65535 || GatewayPort is < 1 or > 65535 || SiloPort == GatewayPort)
            {
                problems.Add("Cluster:SiloPort and Cluster:GatewayPort must be two different ports within 1..65535");
            }

            if (AdvertisedAddress is { Length: > 0 } address && !IPAddress.TryParse(address, out _))
            {
                problems.Add($"Cluster:AdvertisedAddress '{address}' is not an IP address");
            }
        }

        if (ProbeTimeout <= TimeSpan.Zero || NumMissedProbesLimit < 1)
        {
            problems.Add("Cluster:ProbeTimeout must be positive and Cluster:NumMissedProbesLimit at least 1");
        }

        if (IAmAlivePeriod < TimeSpan.FromSeconds(1))
        {
            problems.Add($"Cluster:IAmAlivePeriod must be at least 1 second, not {IAmAlivePeriod}");
        }

        if (GatewayListRefreshPeriod <= TimeSpan.Zero || ResponseTimeout <= TimeSpan.Zero || CallAttemptTimeout <= TimeSpan.Zero || DrainTimeout < TimeSpan.Zero)
        {
            problems.Add("Cluster:GatewayListRefreshPeriod, ResponseTimeout and CallAttemptTimeout must be positive, DrainTimeout not negative");
        }

        return problems;
    }
}
