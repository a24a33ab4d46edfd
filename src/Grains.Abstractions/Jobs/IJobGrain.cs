namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>
/// One seed or export job, keyed by its id (<see cref="JobId"/>). Its state is durable and it
/// resumes after restarts without redoing finished metatiles; work goes to the metatile grains at
/// bulk priority, so interactive requests always go first.
/// </summary>
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Accepts the job and starts it; a second call for the same id changes nothing.</summary>
    Task<JobStatus> StartAsync(JobSubmission submission);

    /// <summary>The job's status; null when no job has this id.</summary>
    Task<JobStatus?> GetStatusAsync();

    /// <summary>Stops a queued or running job (in-flight metatiles may finish); a finished job is left as it is. Null when unknown.</summary>
    Task<JobStatus?> CancelAsync();

    /// <summary>Makes sure a job that should be running is (after a restart); a no-op otherwise.</summary>
    Task ResumeAsync();

    /// <summary>Forgets the job (retention): its state is cleared; its files are the caller's to remove.</summary>
    Task ForgetAsync();
}
