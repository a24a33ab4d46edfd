using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using TileCluster.Grains.Runtime.Cluster;

namespace TileCluster.Silo;

/// <summary>
/// A silo listens twice: HTTP/2 with prior knowledge on the port of <c>Cluster:AdvertisedUrl</c>
/// for grain calls (Kestrel cannot offer cleartext HTTP/2 and HTTP/1.1 on one port), and
/// HTTP/1.1 on <c>--urls</c> for probes, status and people.
/// </summary>
internal static class SiloListeners
{
    public static void Configure(KestrelServerOptions kestrel, IConfiguration configuration)
    {
        // Listening in code replaces --urls, so bind those here as well.
        string urls = configuration["urls"] ?? "http://127.0.0.1:5000";
        foreach (string url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Listen(kestrel, new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal)), HttpProtocols.Http1);
        }

        string? advertised = configuration[$"{ClusterOptions.Section}:{nameof(ClusterOptions.AdvertisedUrl)}"];
        if (Uri.TryCreate(advertised, UriKind.Absolute, out var grains))
        {
            // In Kubernetes the advertised host is the pod IP; bind every interface on that port.
            Listen(kestrel, IPAddress.TryParse(grains.Host, out var ip) && IPAddress.IsLoopback(ip) ? grains : new Uri($"http://0.0.0.0:{grains.Port}"), HttpProtocols.Http2);
        }
    }

    private static void Listen(KestrelServerOptions kestrel, Uri url, HttpProtocols protocols)
    {
        if (url.Host == "localhost")
        {
            kestrel.ListenLocalhost(url.Port, listen => listen.Protocols = protocols);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(url.Host), url.Port, listen => listen.Protocols = protocols);
        }
    }
}
