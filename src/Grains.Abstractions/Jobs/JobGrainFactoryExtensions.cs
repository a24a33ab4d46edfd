namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>Typed references to the job grains.</summary>
public static class JobGrainFactoryExtensions
{
    /// <summary>The grain of job <paramref name="id"/> (a valid <see cref="JobId"/>).</summary>
    public static IJobGrain GetJob(this IGrainFactory grains, string id) => grains.GetGrain<IJobGrain>(id);

    /// <summary>The cluster's job list.</summary>
    public static IJobDirectoryGrain GetJobDirectory(this IGrainFactory grains) => grains.GetGrain<IJobDirectoryGrain>(0);
}
