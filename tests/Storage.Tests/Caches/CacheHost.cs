using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Storage.Caches;

namespace TileCluster.Storage.Tests.Caches;

/// <summary>The cache tiers as the gateway registers them, from configuration keys, in a container of their own.</summary>
internal sealed class CacheHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CacheHost(ServiceProvider services) => _services = services;

    public TileCacheChain Chain => Caches.For("osm");

    public TileCaches Caches => _services.GetRequiredService<TileCaches>();

    /// <summary>Builds the container; <paramref name="settings"/> are configuration keys such as <c>Cache:Chains:default:0:Kind</c>.</summary>
    public static CacheHost Start(IDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:ClusterId"] = $"test-{Guid.NewGuid():N}" })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddMetrics();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddOptions<OrleansClusterOptions>().BindConfiguration(OrleansClusterOptions.Section);
        services.AddOptions<LayersOptions>().BindConfiguration(string.Empty);
        services.AddTileCaches();
        return new CacheHost(services.BuildServiceProvider());
    }

    /// <summary>The validation errors of <paramref name="settings"/>, or an empty string when they are valid.</summary>
    public static async Task<string> ErrorsAsync(IDictionary<string, string?> settings)
    {
        await using var host = Start(settings);
        try
        {
            _ = host._services.GetRequiredService<IOptions<CacheOptions>>().Value;
            return string.Empty;
        }
        catch (OptionsValidationException e)
        {
            return e.Message;
        }
    }

    public static TileCacheKey Key(int z, int x, int y, string style = "osm", int scale = 1) => new(style, scale, TileCoord.Create(z, x, y));

    public static CachedTile Tile(int bytes, byte fill = 7) =>
        new(Enumerable.Repeat(fill, bytes).ToArray(), $"\"{fill}-{bytes}\"", new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));

    /// <summary>The expiry of the metatile holding z/x/y, at one scale, as an expire list would bring it.</summary>
    public static ExpiryTarget[] Expiry(int z, int x, int y, string style = "osm", int scale = 1)
    {
        var set = new MetatileSet();
        set.Add(z, x / MetatileCoord.Size, y / MetatileCoord.Size);
        return [new ExpiryTarget(style, scale, set)];
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
