using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Runtime.Cluster;
using TileCluster.Rendering;

namespace TileCluster.Grains;

/// <summary>The cluster side of the grain runtime: membership for silos, the remote grain client for gateways.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>Makes this process a silo: it joins the membership table and heartbeats until it leaves.</summary>
    public static IServiceCollection AddSiloMembership(this IServiceCollection services)
    {
        services.AddMembershipView();
        services.AddSingleton<SiloIdentity>();
        services.AddSingleton<InFlightCalls>();
        services.AddSingleton<MembershipAgent>();
        services.AddHostedService(sp => sp.GetRequiredService<MembershipAgent>());
        return services;
    }

    /// <summary>Makes this process a grain client (a gateway): grain calls go to their owner silo over HTTP/2.</summary>
    public static IServiceCollection AddGrainClient(this IServiceCollection services)
    {
        services.AddMembershipView();
        // A tile call may wait for a render as long as the caller's own budget allows: a busy
        // silo is not a dead one. Dead or hung silos are found by connect timeouts and HTTP/2
        // pings (see CreateSiloHandler), not by how long a render takes.
        services.AddHttpClient<SiloClient>(static (sp, client) =>
        {
            ConfigureSiloHttpClient(sp, client);
            client.Timeout = Timeout.InfiniteTimeSpan;
        }).ConfigurePrimaryHttpMessageHandler(CreateSiloHandler);
        services.AddHttpClient<RemoteClusterStatus>(ConfigureSiloHttpClient).ConfigurePrimaryHttpMessageHandler(CreateSiloHandler);
        services.AddHttpClient<ExpiryDelivery>(static (_, client) =>
        {
            client.DefaultRequestVersion = HttpVersion.Version20;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;

            // Batches and waits set their own deadlines.
            client.Timeout = Timeout.InfiniteTimeSpan;
        }).ConfigurePrimaryHttpMessageHandler(CreateSiloHandler);
        services.AddSingleton<IExpiryDelivery>(sp => sp.GetRequiredService<ExpiryDelivery>());
        services.AddSingleton<IGrainFactory, RemoteGrainFactory>();
        services.AddSingleton<IClusterStatus>(sp => sp.GetRequiredService<RemoteClusterStatus>());
        return services;
    }

    private static void AddMembershipView(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(MembershipView)))
        {
            return;
        }

        services.AddTileClusterDatabase();
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClusterId), "Cluster:ClusterId is required")
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero, "Cluster:HeartbeatInterval must be positive")
            .Validate(o => o.DeadTimeout > o.HeartbeatInterval * 2, "Cluster:DeadTimeout must be more than two heartbeat intervals")
            .Validate(o => o.DrainTimeout >= TimeSpan.Zero, "Cluster:DrainTimeout must not be negative")
            .Validate(o => o.CallTimeout > TimeSpan.Zero, "Cluster:CallTimeout must be positive")
            .Validate(o => o.ConnectTimeout > TimeSpan.Zero, "Cluster:ConnectTimeout must be positive")
            .ValidateOnStart();
        services.AddSingleton(sp => new PostgresMembershipTable(
            sp.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId));
        services.AddSingleton<MembershipView>();
        services.AddHostedService(sp => sp.GetRequiredService<MembershipView>());
    }

    private static void ConfigureSiloHttpClient(IServiceProvider services, HttpClient client)
    {
        // HTTP/2 with prior knowledge over cleartext: one multiplexed connection per silo, no TLS inside the cluster.
        client.DefaultRequestVersion = HttpVersion.Version20;
        client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        client.Timeout = services.GetRequiredService<IOptions<ClusterOptions>>().Value.CallTimeout;
    }

    private static SocketsHttpHandler CreateSiloHandler(IServiceProvider services) => new()
    {
        ConnectTimeout = services.GetRequiredService<IOptions<ClusterOptions>>().Value.ConnectTimeout,
        EnableMultipleHttp2Connections = true,

        // While calls are in flight, ping the silo every second; no answer within CallTimeout
        // fails the calls on that connection, so the gateway moves on to the next owner.
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        KeepAlivePingDelay = TimeSpan.FromSeconds(1),
        KeepAlivePingTimeout = services.GetRequiredService<IOptions<ClusterOptions>>().Value.CallTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
    };
}
