using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using TileCluster.Rendering.Scheduling;
using TileCluster.Tests.Shared;

namespace TileCluster.Grains.Tests.Metatiles;

/// <summary>
/// Three silos in one process (Orleans' in-process test cluster) hosting the real metatile grains
/// against the test PostGIS, with a tile store of their own; besides the shipped layers, an
/// <c>aged</c> layer with a one-hour cache lifespan.
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    private readonly string _store = Directory.CreateTempSubdirectory("tilecluster-grains-").FullName;

    internal InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The silos' tile store.</summary>
    public string StoreRoot => _store;

    public IClusterClient Client => Cluster.Client;

    /// <summary>Metatile renders so far, summed over the silos.</summary>
    public long Renders => Cluster.Silos.Sum(s => s.ServiceProvider.GetRequiredService<RenderStatistics>().Renders);

    /// <summary>Render threads at work now, summed over the silos.</summary>
    public int Busy => Cluster.Silos.Sum(s => s.ServiceProvider.GetRequiredService<RenderPool>().Busy);

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSiloHost((_, host) => host.Configuration
            .AddJsonFile(RepositoryPaths.Config)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["BaseDirectory"] = Path.GetDirectoryName(RepositoryPaths.Config),
                ["Database:ConnectionString"] = RepositoryPaths.TestConnectionString,
                ["Store:Root"] = _store,
                ["Render:Threads"] = "1",

                // The sample style again, as a layer whose stored tiles count as expired after an hour.
                ["Layers:aged:Provider:Kind"] = "style",
                ["Layers:aged:Provider:File"] = "../styles/osm.yaml",
                ["Layers:aged:CacheLifespan"] = "01:00:00",
            }));
        builder.ConfigureSilo((_, silo) => silo.AddMetatileGrains(TimeSpan.FromMinutes(5)));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(_store, recursive: true);
    }
}
