using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Rendering.Data;
using TileCluster.Rendering.Scheduling;
using TileCluster.Rendering.Styles;
using TileCluster.Rendering.Url;
using TileCluster.Rendering.VectorTiles;

namespace TileCluster.Rendering;

/// <summary>Registers the renderer: styles, PostGIS access and the render pool.</summary>
public static class RenderingServiceCollectionExtensions
{
    /// <summary>The styles, the map renderer and the render pool a silo renders with.</summary>
    public static IServiceCollection AddRendering(this IServiceCollection services)
    {
        services.AddTileClusterDatabase();
        services.AddLayersOptions();
        services.AddOptions<RenderOptions>().BindConfiguration(RenderOptions.Section)
            .Validate(o => o.Threads is >= 0 and <= 256, "Render:Threads must be within 0..256 (0 = one per core)")
            .Validate(o => o.QueueCapacity is >= 1 and <= 1_000_000, "Render:QueueCapacity must be within 1..1000000")
            .Validate(o => o.BufferPx is >= 0 and <= 512, "Render:BufferPx must be within 0..512")
            .Validate(o => o.RetryAfter > TimeSpan.Zero, "Render:RetryAfter must be positive")
            .ValidateOnStart();
        services.AddSingleton<StyleCatalog>();
        services.AddSingleton(sp => new VectorLayerSchemas(sp.GetRequiredService<StyleCatalog>()));
        services.AddSingleton<UpstreamClient>();
        services.AddSingleton<IMapRendererFactory, MapRendererFactory>();
        services.AddSingleton<RenderStatistics>();
        services.AddSingleton(sp => new RenderPool(
            sp.GetRequiredService<IMapRendererFactory>(),
            sp.GetRequiredService<IOptions<RenderOptions>>(),
            sp.GetRequiredService<RenderStatistics>(),
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RenderPool>>()));

        // Resolve the styles while starting, so a broken style stops start-up with its file and line.
        services.AddHostedService<StyleCatalogWarmup>();
        return services;
    }

    /// <summary>The PostGIS connection pool (styles' data, render locks); registered once.</summary>
    public static IServiceCollection AddTileClusterDatabase(this IServiceCollection services)
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
