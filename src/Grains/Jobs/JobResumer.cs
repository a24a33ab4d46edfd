using Microsoft.Extensions.Logging;
using TileCluster.Grains.Abstractions.Jobs;

namespace TileCluster.Grains.Jobs;

/// <summary>
/// Wakes the unfinished jobs when a silo has joined, so a cluster started again after every process
/// died goes on with its jobs at once instead of at their next reminder tick. Every silo does
/// this; waking a job that already runs changes nothing.
/// </summary>
internal sealed partial class JobResumer(IGrainFactory grains, ILogger<JobResumer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(JobResumer), ServiceLifecycleStage.Active, starting =>
        {
            // Not awaited, and not stopped with the start-up: the silo must not wait for the jobs.
            _ = Task.Run(ResumeAllAsync, CancellationToken.None);
            return Task.CompletedTask;
        });

    private async Task ResumeAllAsync()
    {
        try
        {
            string[] jobs = await grains.GetJobDirectory().UnfinishedAsync();
            foreach (string id in jobs)
            {
                await grains.GetJob(id).ResumeAsync();
            }

            LogResumed(jobs.Length);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The reminders resume the jobs within their period anyway.
            LogResumeFailed(e);
        }
    }

    [LoggerMessage(EventId = 2711, Level = LogLevel.Debug, Message = "Woke {Count} unfinished jobs")]
    private partial void LogResumed(int count);

    [LoggerMessage(EventId = 2712, Level = LogLevel.Warning, Message = "Could not resume jobs at start-up; their reminders will")]
    private partial void LogResumeFailed(Exception error);
}
