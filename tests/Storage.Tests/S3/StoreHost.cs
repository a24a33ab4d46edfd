using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.Tests.S3;

/// <summary>A silo's tile store as the silo registers it, from configuration keys, with a disk folder of its own.</summary>
internal sealed class StoreHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StoreHost(ServiceProvider services, string root) => (_services, Root) = (services, root);

    /// <summary>The disk store's folder.</summary>
    public string Root { get; }

    public ITileStore Store => _services.GetRequiredService<ITileStore>();

    /// <summary>Builds the container; <paramref name="settings"/> are configuration keys such as <c>Store:S3:Bucket</c>.</summary>
    public static StoreHost Start(IDictionary<string, string?> settings)
    {
        string root = Path.Combine(Path.GetTempPath(), $"tilecluster-store-{Guid.NewGuid():N}");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Root"] = root })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddMetrics()
            .AddTileStore()
            .BuildServiceProvider();
        return new StoreHost(services, root);
    }

    /// <summary>The validation errors of <paramref name="settings"/>, or an empty string when they are valid.</summary>
    public static async Task<string> ErrorsAsync(IDictionary<string, string?> settings)
    {
        await using var host = Start(settings);
        try
        {
            _ = host._services.GetRequiredService<IOptions<StoreOptions>>().Value;
            return string.Empty;
        }
        catch (OptionsValidationException e)
        {
            return e.Message;
        }
    }

    /// <summary>The <c>.meta</c> file of <paramref name="key"/> on this host's disk.</summary>
    public string DiskFile(MetatileKey key) => Path.Combine(Root, MetaPath.Relative(key.StorageName, key.Metatile));

    /// <summary>A metatile of 64 small tiles, each naming its place and <paramref name="version"/>.</summary>
    public static RenderedMetatile Tiles(string version)
    {
        var tiles = new byte[64][];
        for (int i = 0; i < 64; i++)
        {
            tiles[i] = System.Text.Encoding.ASCII.GetBytes($"{version}:{i / 8}/{i % 8}");
        }

        return new RenderedMetatile(8, tiles);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
