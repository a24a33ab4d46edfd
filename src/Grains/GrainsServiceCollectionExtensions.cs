using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Data;
using TileCluster.Grains.Freshness;
using TileCluster.Grains.Metatiles;
using TileCluster.Rendering;
using TileCluster.Grains.Runtime;
using TileCluster.Grains.Runtime.Cluster;
using TileCluster.Rendering.Scheduling;
using TileCluster.Storage;
using TileCluster.Rendering.Styles;

namespace TileCluster.Grains;

/// <summary>Registers the metatile grain, its renderer, render pool and tile store, and the in-process grain runtime.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>Everything a silo needs to host metatile grains.</summary>
    public static IServiceCollection AddMetatileGrains(this IServiceCollection services)
    {
        services.AddRendering();
        services.AddTileStore();
        services.AddOptions<GrainRuntimeOptions>().BindConfiguration(GrainRuntimeOptions.Section)
            .Validate(o => o.IdleTimeout > TimeSpan.Zero, "Grains:IdleTimeout must be positive")
            .Validate(o => o.CollectionInterval > TimeSpan.Zero, "Grains:CollectionInterval must be positive")
            .ValidateOnStart();

        services.AddOptions<FreshnessOptions>().BindConfiguration(FreshnessOptions.Section)
            .Validate(o => o.HotMaxZoom is >= -1 and <= TileCoord.MaxSupportedZoom, $"Freshness:HotMaxZoom must be within -1..{TileCoord.MaxSupportedZoom} (-1 = never re-render at once)")
            .Validate(o => o.DirtyWaitBudget >= TimeSpan.Zero && o.DirtyWaitBudget <= TimeSpan.FromMinutes(1), "Freshness:DirtyWaitBudget must be within 0..00:01:00")
            .ValidateOnStart();

        services.AddSingleton<FreshnessMetrics>();
        services.AddSingleton<ExpiryHandler>();
        services.AddSingleton<IRenderLock, PostgresRenderLock>();
        services.AddSingleton(sp => new ActivationTable<MetatileKey, IMetatileGrain>(
            key => ActivatorUtilities.CreateInstance<MetatileGrain>(sp, key),
            sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.IdleTimeout,
            sp.GetRequiredService<TimeProvider>()));
        // A silo's own grain factory: calls that reach this silo run on its local activations.
        services.AddSingleton<IGrainFactory, LocalGrainFactory>();
        services.AddSingleton<IClusterStatus, LocalClusterStatus>();
        services.AddHostedService<ActivationCollector>();
        return services;
    }
}
