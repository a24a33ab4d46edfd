using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;
using TileCluster.Grains;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Silo;

/// <summary>A silo: an Orleans silo in the Redis-membership cluster, hosting metatile grains with their render pool and store.</summary>
internal static class SiloExtensions
{
    public static WebApplicationBuilder AddSilo(this WebApplicationBuilder builder)
    {
        var cluster = ServiceDefaults.ClusterConfiguration.Read(builder.Configuration, silo: true);
        var idleTimeout = builder.Configuration.GetValue("Grains:IdleTimeout", TimeSpan.FromMinutes(5));
        if (idleTimeout <= TimeSpan.Zero)
        {
            throw new Grains.Abstractions.Configuration.ConfigurationException("Grains:IdleTimeout must be positive");
        }

        builder.UseOrleans(silo =>
        {
            silo.UseRedisClustering(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(cluster.Redis));
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
            silo.Configure<SiloOptions>(o => o.SiloName = cluster.SiloName is { Length: > 0 } name ? name : Environment.MachineName);
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")))
            {
                // Pod name, IP and the cluster ids come from the pod's environment; outside a
                // cluster this would fail at start-up, so it is only called inside one.
                silo.UseKubernetesHosting();
            }
            else
            {
                var address = AdvertisedAddress(cluster.AdvertisedAddress);
                silo.ConfigureEndpoints(address, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
            }

            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = cluster.ProbeTimeout;
                o.NumMissedProbesLimit = cluster.NumMissedProbesLimit;
                o.IAmAliveTablePublishTimeout = cluster.IAmAlivePeriod;
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);
            silo.Configure<GrainCollectionOptions>(o => o.DeactivationTimeout = cluster.DrainTimeout);
            silo.AddActivityPropagation();
            silo.AddDashboard();
            silo.AddMetatileGrains(idleTimeout);
            silo.AddJobGrains(cluster.Redis);
        });

        builder.Services.AddHealthChecks();

        // Leave time for grains to deactivate (in-flight renders finish) before the host gives up.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = cluster.DrainTimeout + TimeSpan.FromSeconds(10));
        return builder;
    }

    private static IPAddress AdvertisedAddress(string? configured)
    {
        if (configured is { Length: > 0 })
        {
            return IPAddress.Parse(configured);
        }

        return Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }
}
