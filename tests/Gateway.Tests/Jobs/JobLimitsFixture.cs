using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Jobs;

/// <summary>A cluster whose jobs are kept 2 seconds (checked every second) under a quota of 1000 bytes.</summary>
public sealed class JobLimitsFixture : IAsyncLifetime
{
    public string JobsRoot { get; } = Directory.CreateTempSubdirectory("tilecluster-jobs-").FullName;

    internal TestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Cluster = await TestCluster.StartAsync(1, new Dictionary<string, string>
    {
        ["TILECLUSTER_Admin__Token"] = JobsFixture.Token,
        ["TILECLUSTER_Jobs__Root"] = JobsRoot,
        ["TILECLUSTER_Jobs__Retention"] = "00:00:02",
        ["TILECLUSTER_Jobs__RetentionCheckPeriod"] = "00:00:01",
        ["TILECLUSTER_Jobs__QuotaBytes"] = "1000",
    });

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        Directory.Delete(JobsRoot, recursive: true);
    }
}
