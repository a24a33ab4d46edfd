namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>
/// The list of jobs, newest first, durable like the jobs themselves. One per cluster: call it
/// with key 0 (<see cref="JobGrainFactoryExtensions.GetJobDirectory"/>).
/// </summary>
public interface IJobDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a job to the list.</summary>
    Task AddAsync(string id, DateTimeOffset created);

    /// <summary>At most <paramref name="limit"/> job ids, newest first.</summary>
    Task<string[]> ListAsync(int limit);

    /// <summary>Ids and creation times of all jobs, oldest first (retention).</summary>
    Task<JobEntry[]> AllAsync();

    /// <summary>Ids of the jobs not yet finished, oldest first: what a starting silo resumes.</summary>
    Task<string[]> UnfinishedAsync();

    /// <summary>Marks a job finished, so silos starting up no longer wake it; absent or already marked is fine.</summary>
    Task FinishedAsync(string id);

    /// <summary>Removes a job from the list; absent is fine.</summary>
    Task RemoveAsync(string id);
}
