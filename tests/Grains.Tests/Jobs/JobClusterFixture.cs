using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using TileCluster.Grains.Abstractions.Jobs;
using TileCluster.Rendering.Scheduling;
using TileCluster.Tests.Shared;

namespace TileCluster.Grains.Tests.Jobs;

/// <summary>
/// Three silos in one process hosting the metatile, export and job grains against the test PostGIS,
/// with job state and reminders in the test Redis, and a tile store and job folder of their own.
/// </summary>
public sealed class JobClusterFixture : IAsyncLifetime
{
    private readonly string _store = Directory.CreateTempSubdirectory("tilecluster-grains-").FullName;

    public string JobsRoot { get; } = Directory.CreateTempSubdirectory("tilecluster-jobs-").FullName;

    internal InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>
    /// Metatile renders so far at the zooms of <paramref name="spec"/>, summed over the silos. Counting
    /// only its zooms keeps a test apart from another's renders still in flight (the tests' jobs use
    /// different zooms).
    /// </summary>
    public long Renders(JobSpec spec) => Cluster.Silos
        .SelectMany(s => s.ServiceProvider.GetRequiredService<RenderStatistics>().ByZoom())
        .Where(z => z.Zoom >= spec.MinZoom && z.Zoom <= spec.MaxZoom)
        .Sum(z => z.Count);

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);

        // Job state and reminders in the shared test Redis are per service: this fixture sees only its own.
        builder.Options.ServiceId = $"jobs-test-{Guid.NewGuid():N}";
        builder.ConfigureSiloHost((_, host) => host.Configuration
            .AddJsonFile(RepositoryPaths.Config)
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["BaseDirectory"] = Path.GetDirectoryName(RepositoryPaths.Config),
                ["Database:ConnectionString"] = RepositoryPaths.TestConnectionString,
                ["Store:Root"] = _store,
                ["Jobs:Root"] = JobsRoot,
                ["Jobs:Concurrency"] = "3",
                ["Render:Threads"] = "1",
            }));
        builder.ConfigureSilo((_, silo) => silo.AddMetatileGrains(TimeSpan.FromMinutes(5)).AddJobGrains(RepositoryPaths.TestRedis));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(_store, recursive: true);
        Directory.Delete(JobsRoot, recursive: true);
    }
}
