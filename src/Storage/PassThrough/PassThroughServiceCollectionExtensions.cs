using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Storage.PassThrough;

/// <summary>Registers the pass-through layers (<c>proxy</c>, <c>mbtiles</c>): their configuration, sources and the <c>tiles</c> layout.</summary>
public static class PassThroughServiceCollectionExtensions
{
    /// <summary>
    /// The <c>Layers</c> section with what MBTiles files say about their layers (format, zooms,
    /// bounds): for every process that serves or addresses tiles. Idempotent.
    /// </summary>
    public static IServiceCollection AddPassThroughLayers(this IServiceCollection services)
    {
        services.AddLayersOptions();
        if (services.Any(d => d.ServiceType == typeof(MbTilesLayerSetup)))
        {
            return services;
        }

        services.AddSingleton<MbTilesLayerSetup>();
        services.AddSingleton<IPostConfigureOptions<LayersOptions>>(sp => sp.GetRequiredService<MbTilesLayerSetup>());
        services.AddSingleton<IValidateOptions<LayersOptions>>(sp => sp.GetRequiredService<MbTilesLayerSetup>());
        return services;
    }

    /// <summary>What a silo fetches and keeps pass-through tiles with.</summary>
    public static IServiceCollection AddPassThroughSources(this IServiceCollection services)
    {
        services.AddPassThroughLayers();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITileFileStore, TileFileStore>();
        services.TryAddSingleton<ProxyTileSource>();
        services.TryAddSingleton<MbTilesTileSource>();
        services.TryAddSingleton<IPassThroughSource, PassThroughSources>();
        return services;
    }
}
