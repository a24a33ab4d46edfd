using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Data;
using TileCluster.Grains.Freshness;
using TileCluster.Grains.Metatiles;
using TileCluster.Grains.Rendering;
using TileCluster.Grains.Runtime;
using TileCluster.Grains.Runtime.Cluster;
using TileCluster.Grains.Scheduling;
using TileCluster.Grains.Storage;
using TileCluster.Grains.Styles;

namespace TileCluster.Grains;

/// <summary>Registers the metatile grain, its renderer, render pool and tile store, and the in-process grain runtime.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>Everything a silo needs to host metatile grains.</summary>
    public static IServiceCollection AddMetatileGrains(this IServiceCollection services)
    {
        services.AddTileClusterDatabase();
        services.AddStylesOptions();
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Root), "Store:Root is required")
            .ValidateOnStart();
        services.AddOptions<RenderOptions>().BindConfiguration(RenderOptions.Section)
            .Validate(o => o.Threads is >= 0 and <= 256, "Render:Threads must be within 0..256 (0 = one per core)")
            .Validate(o => o.QueueCapacity is >= 1 and <= 1_000_000, "Render:QueueCapacity must be within 1..1000000")
            .Validate(o => o.BufferPx is >= 0 and <= 512, "Render:BufferPx must be within 0..512")
            .Validate(o => o.RetryAfter > TimeSpan.Zero, "Render:RetryAfter must be positive")
            .ValidateOnStart();
        services.AddOptions<GrainRuntimeOptions>().BindConfiguration(GrainRuntimeOptions.Section)
            .Validate(o => o.IdleTimeout > TimeSpan.Zero, "Grains:IdleTimeout must be positive")
            .Validate(o => o.CollectionInterval > TimeSpan.Zero, "Grains:CollectionInterval must be positive")
            .ValidateOnStart();

        services.AddOptions<FreshnessOptions>().BindConfiguration(FreshnessOptions.Section)
            .Validate(o => o.HotMaxZoom is >= -1 and <= TileCoord.MaxSupportedZoom, $"Freshness:HotMaxZoom must be within -1..{TileCoord.MaxSupportedZoom} (-1 = never re-render at once)")
            .Validate(o => o.DirtyWaitBudget >= TimeSpan.Zero && o.DirtyWaitBudget <= TimeSpan.FromMinutes(1), "Freshness:DirtyWaitBudget must be within 0..00:01:00")
            .ValidateOnStart();

        services.AddSingleton<StyleCatalog>();
        services.AddSingleton<FreshnessMetrics>();
        services.AddSingleton<ExpiryHandler>();
        services.AddSingleton<IMapRendererFactory, MapRendererFactory>();
        services.AddSingleton<RenderStatistics>();
        services.AddSingleton<RenderPool>();
        services.AddSingleton<ITileStore, FileTileStore>();
        services.AddSingleton<IRenderLock, PostgresRenderLock>();
        services.AddSingleton(sp => new ActivationTable<MetatileKey, IMetatileGrain>(
            key => ActivatorUtilities.CreateInstance<MetatileGrain>(sp, key),
            sp.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.IdleTimeout,
            sp.GetRequiredService<TimeProvider>()));
        // A silo's own grain factory: calls that reach this silo run on its local activations.
        services.AddSingleton<IGrainFactory, LocalGrainFactory>();
        services.AddSingleton<IClusterStatus, LocalClusterStatus>();
        services.AddHostedService<ActivationCollector>();

        // Resolve the styles while starting, so a broken style stops start-up with its file and line.
        services.AddHostedService<StyleCatalogWarmup>();
        return services;
    }

    /// <summary>The PostGIS connection pool (styles' data, membership, render locks); registered once.</summary>
    internal static IServiceCollection AddTileClusterDatabase(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(NpgsqlDataSource)))
        {
            return services;
        }

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Database:ConnectionString is required")
            .Validate(o => o.CommandTimeout > TimeSpan.Zero, "Database:CommandTimeout must be positive")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString) { CommandTimeout = (int)options.CommandTimeout.TotalSeconds };
            return NpgsqlDataSource.Create(builder.ConnectionString);
        });
        return services;
    }
}
