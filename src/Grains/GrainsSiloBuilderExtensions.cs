using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Jobs;
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
        services.AddJobsOptions();
        services.AddSingleton<FreshnessMetrics>();
        services.AddSingleton<MetatileActivations>();
        services.AddSingleton<IRenderLock, PostgresRenderLock>();
        services.AddSingleton<SiloNames>();
        services.Configure<GrainCollectionOptions>(o => o.CollectionAge = idleTimeout);
        silo.AddPlacementDirector<RendezvousPlacement, RendezvousPlacementDirector>();
        silo.AddPlacementDirector<NamedSiloPlacement, NamedSiloPlacementDirector>();
        return silo;
    }

    /// <summary>
    /// Job grains and their directory, with their state and reminders in the cluster's Redis
    /// (<paramref name="redis"/>, a StackExchange.Redis connection string), so jobs survive restarts.
    /// </summary>
    public static ISiloBuilder AddJobGrains(this ISiloBuilder silo, string redis)
    {
        silo.AddRedisGrainStorage(JobGrain.StorageName, storage => storage.Configure<Serializer>((o, serializer) =>
        {
            o.ConfigurationOptions = ConfigurationOptions.Parse(redis);
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        silo.Services.AddSingleton<ExportCluster>();
        silo.Services.AddSingleton<JobOutputWriter>();
        silo.Services.AddSingleton<JobMetrics>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, JobResumer>();
        return silo;
    }
}
