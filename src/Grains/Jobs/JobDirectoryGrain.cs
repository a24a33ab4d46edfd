using TileCluster.Grains.Abstractions.Jobs;

namespace TileCluster.Grains.Jobs;

/// <summary>The cluster's list of jobs, kept in the same grain storage as the jobs.</summary>
internal sealed class JobDirectoryGrain(
    [PersistentState("directory", JobGrain.StorageName)] IPersistentState<JobDirectoryRecord> record) : Grain, IJobDirectoryGrain
{
    public async Task AddAsync(string id, DateTimeOffset created)
    {
        if (record.State.Jobs.Exists(j => j.Id == id))
        {
            return;
        }

        // Ids start with their creation time, so oldest first is also id order among equal times.
        var entry = new JobEntry(id, created);
        int index = record.State.Jobs.FindLastIndex(j => j.Created <= created) + 1;
        record.State.Jobs.Insert(index, entry);
        await record.WriteStateAsync();
    }

    public Task<string[]> ListAsync(int limit)
    {
        var jobs = record.State.Jobs;
        int count = Math.Clamp(limit, 0, jobs.Count);
        var ids = new string[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = jobs[jobs.Count - 1 - i].Id;
        }

        return Task.FromResult(ids);
    }

    public Task<JobEntry[]> AllAsync() => Task.FromResult(record.State.Jobs.ToArray());

    public Task<string[]> UnfinishedAsync() => Task.FromResult(record.State.Jobs.Where(j => !j.Finished).Select(j => j.Id).ToArray());

    public async Task FinishedAsync(string id)
    {
        int index = record.State.Jobs.FindIndex(j => j.Id == id);
        if (index >= 0 && !record.State.Jobs[index].Finished)
        {
            record.State.Jobs[index] = record.State.Jobs[index] with { Finished = true };
            await record.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(string id)
    {
        if (record.State.Jobs.RemoveAll(j => j.Id == id) > 0)
        {
            await record.WriteStateAsync();
        }
    }
}
