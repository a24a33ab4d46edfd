using Microsoft.AspNetCore.Server.Kestrel.Core;
using TileCluster.Grains;
using TileCluster.Grains.Runtime.Cluster;

namespace TileCluster.Silo;

/// <summary>A silo: metatile grains, the render pool and store, membership, and the internal endpoints gateways call.</summary>
internal static class SiloExtensions
{
    public static IServiceCollection AddSilo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetatileGrains();
        services.AddSiloMembership();
        services.AddSingleton<SiloEndpoints>();
        services.AddHealthChecks();

        services.Configure<KestrelServerOptions>(kestrel => SiloListeners.Configure(kestrel, configuration));

        // The host stops hosted services (the membership drain) before the server: allow the drain to finish.
        var drain = configuration.GetSection(ClusterOptions.Section).GetValue(nameof(ClusterOptions.DrainTimeout), TimeSpan.FromSeconds(20));
        services.Configure<HostOptions>(host => host.ShutdownTimeout = drain + TimeSpan.FromSeconds(10));
        return services;
    }

    public static WebApplication MapSilo(this WebApplication app)
    {
        app.MapHealthChecks("/healthz");
        SiloEndpoints.Map(app);
        return app;
    }
}
