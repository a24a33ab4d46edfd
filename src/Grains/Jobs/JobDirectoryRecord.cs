using TileCluster.Grains.Abstractions.Jobs;

namespace TileCluster.Grains.Jobs;

/// <summary>The job directory's durable state: the jobs, oldest first.</summary>
[GenerateSerializer]
internal sealed class JobDirectoryRecord
{
    [Id(0)]
    public List<JobEntry> Jobs { get; set; } = [];
}
