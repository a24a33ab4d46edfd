using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;
using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Gateway.Cluster;

/// <summary>The gateway as an Orleans client of the Redis-membership cluster.</summary>
internal static class ClusterClientExtensions
{
    public static WebApplicationBuilder AddClusterClient(this WebApplicationBuilder builder)
    {
        var cluster = ServiceDefaults.ClusterConfiguration.Read(builder.Configuration, silo: false);
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(redis => redis.ConfigurationOptions = ConfigurationOptions.Parse(cluster.Redis));
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = cluster.GatewayListRefreshPeriod);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = cluster.ResponseTimeout);

            // No silo yet (they start beside the gateway, or are all restarting): keep trying, and
            // answer /readyz with 503 meanwhile instead of failing start-up.
            client.UseConnectionRetryFilter(static async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
            client.AddActivityPropagation();
            client.AddDashboard();
        });

        // The Orleans client retries its first connection inside its start-up; HTTP (health,
        // cached tiles) must not wait for it.
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(cluster));
        builder.Services.AddSingleton<ClusterConnection>();
        builder.Services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<ClusterConnection>());
        builder.Services.AddSingleton<IClusterStatus, ClusterStatus>();
        builder.Services.AddSingleton<IExpiryDelivery, ExpiryDelivery>();
        builder.Services.AddSingleton(sp => NpgsqlDataSource.Create(
            sp.GetRequiredService<IConfiguration>()["Database:ConnectionString"] is { Length: > 0 } connection
                ? connection
                : throw new Grains.Abstractions.Configuration.ConfigurationException("Database:ConnectionString is required (expiry notices between gateways)")));
        return builder;
    }
}
