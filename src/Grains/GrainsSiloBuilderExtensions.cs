using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Freshness;
using TileCluster.Grains.Metatiles;
using TileCluster.Grains.Placement;
using TileCluster.Rendering;
using TileCluster.Storage;

namespace TileCluster.Grains;

/// <summary>Registers the metatile and silo-agent grains, their placement, and what they render and store with.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>Everything a silo needs to host metatile grains; <paramref name="idleTimeout"/> is how long an unused grain stays in memory.</summary>
    public static ISiloBuilder AddMetatileGrains(this ISiloBuilder silo, TimeSpan idleTimeout)
    {
        var services = silo.Services;
        services.AddRendering();
        services.AddTileStore();
        services.AddOptions<FreshnessOptions>().BindConfiguration(FreshnessOptions.Section)
            .Validate(o => o.HotMaxZoom is >= -1 and <= TileCoord.MaxSupportedZoom, $"Freshness:HotMaxZoom must be within -1..{TileCoord.MaxSupportedZoom} (-1 = never re-render at once)")
            .Validate(o => o.DirtyWaitBudget >= TimeSpan.Zero && o.DirtyWaitBudget <= TimeSpan.FromMinutes(1), "Freshness:DirtyWaitBudget must be within 0..00:01:00")
            .ValidateOnStart();
        services.AddSingleton<FreshnessMetrics>();
        services.AddSingleton<MetatileActivations>();
        services.AddSingleton<IRenderLock, PostgresRenderLock>();
        services.AddSingleton<SiloNames>();
        services.Configure<GrainCollectionOptions>(o => o.CollectionAge = idleTimeout);
        silo.AddPlacementDirector<RendezvousPlacement, RendezvousPlacementDirector>();
        silo.AddPlacementDirector<NamedSiloPlacement, NamedSiloPlacementDirector>();
        return silo;
    }
}
