namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>A job as its grain reports it; the gateway turns it into the status document.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Spec">What it does.</param>
/// <param name="State">Where it is.</param>
/// <param name="Progress">Progress per part: tiles first, then each output.</param>
/// <param name="Renders">Metatiles this job rendered (the others were reused from the store).</param>
/// <param name="Created">When it was submitted.</param>
/// <param name="Started">When it started running.</param>
/// <param name="Updated">When its state or progress last changed.</param>
/// <param name="Finished">When it reached a final state.</param>
/// <param name="Eta">The expected end, while running.</param>
/// <param name="Outputs">The outputs finished so far.</param>
/// <param name="Errors">What went wrong, for a failed job.</param>
[GenerateSerializer]
[Immutable]
public sealed record JobStatus(
    string Id,
    JobSpec Spec,
    JobState State,
    JobProgress[] Progress,
    long Renders,
    DateTimeOffset Created,
    DateTimeOffset? Started,
    DateTimeOffset Updated,
    DateTimeOffset? Finished,
    DateTimeOffset? Eta,
    JobOutputFile[] Outputs,
    string[] Errors)
{
    /// <summary>Whether the job has reached done, failed or cancelled.</summary>
    public bool IsFinished => State is JobState.Done or JobState.Failed or JobState.Cancelled;
}
