using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Storage.Caches.Memcached;

namespace TileCluster.Storage.Caches;

/// <summary>Registers the cache tiers.</summary>
public static class CacheServiceCollectionExtensions
{
    /// <summary>
    /// The <c>Cache</c> section, validated at start-up, and its chains as a <see cref="TileCaches"/>
    /// singleton. Shared tiers connect on first use, so a server that is down at start-up only means
    /// the tier is skipped until it answers.
    /// </summary>
    public static IServiceCollection AddTileCaches(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CacheOptions>, CacheOptionsValidator>();
        services.AddSingleton<TileCacheMetrics>();
        services.AddSingleton(static sp => Build(
            sp.GetRequiredService<IOptions<CacheOptions>>().Value,
            sp.GetRequiredService<IOptions<LayersOptions>>().Value,
            sp.GetRequiredService<IOptions<OrleansClusterOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<TileCacheMetrics>(),
            sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    private static TileCaches Build(CacheOptions options, LayersOptions layers, OrleansClusterOptions cluster, TimeProvider time, TileCacheMetrics metrics, ILoggerFactory loggers)
    {
        var layerChains = layers.Layers.ToDictionary(l => l.Key, l => l.Value.Cache, StringComparer.Ordinal);
        var chains = new Dictionary<string, TileCacheChain>(StringComparer.Ordinal);
        foreach (string name in layerChains.Values.Append(CacheOptions.DefaultChain).Distinct(StringComparer.Ordinal))
        {
            chains[name] = BuildChain(name, options.TiersOf(name)!, cluster, time, metrics, loggers);
        }

        return new TileCaches(chains, layerChains);
    }

    private static TileCacheChain BuildChain(string name, IReadOnlyList<CacheTierOptions> configured, OrleansClusterOptions cluster, TimeProvider time, TileCacheMetrics metrics, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger<TileCacheChain>();
        var tiers = new List<TileCacheTier>();
        for (int i = 0; i < configured.Count; i++)
        {
            var settings = CacheTierSettings.Resolve(name, i, configured[i], cluster);
            ITileCache? cache = settings.Kind switch
            {
                CacheTierKinds.Memory => new MemoryTileCache(settings.BudgetBytes, settings.Ttl, time),
                CacheTierKinds.Redis => new GuardedTileCache(new RedisTileCache(settings), settings, time, logger),
                CacheTierKinds.Memcached => new GuardedTileCache(new MemcachedTileCache(Memcached(settings), settings), settings, time, logger),
                _ => null,
            };
            if (cache is not null)
            {
                tiers.Add(new TileCacheTier(settings, cache));
            }
        }

        return new TileCacheChain([.. tiers], metrics, logger);
    }

    private static MemcachedClient Memcached(CacheTierSettings settings) =>
        CacheOptionsValidator.TryParseEndPoint(settings.Connection, out var server)
            ? new MemcachedClient(server, settings.Connections)
            : throw new InvalidOperationException($"{settings.Label}: Connection '{settings.Connection}' is not host:port");
}
