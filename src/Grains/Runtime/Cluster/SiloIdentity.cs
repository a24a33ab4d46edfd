using Microsoft.Extensions.Options;

namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>Who this silo is: its id and the URL it advertises to the cluster.</summary>
internal sealed class SiloIdentity
{
    public SiloIdentity(IOptions<ClusterOptions> options)
    {
        var o = options.Value;
        SiloId = string.IsNullOrWhiteSpace(o.SiloId) ? $"{Environment.MachineName}-{Environment.ProcessId}" : o.SiloId;
        Endpoint = Uri.TryCreate(o.AdvertisedUrl, UriKind.Absolute, out var url)
            ? url
            : throw new OptionsValidationException(ClusterOptions.Section, typeof(ClusterOptions), ["Cluster:AdvertisedUrl is required on a silo: the absolute URL other processes use to reach it, e.g. http://10.0.0.7:8081"]);
    }

    public string SiloId { get; }

    public Uri Endpoint { get; }
}
