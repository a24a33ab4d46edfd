namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>Where a job is in its life: queued, running, then one of the three final states.</summary>
public enum JobState
{
    /// <summary>Accepted, not started yet.</summary>
    Queued = 0,

    /// <summary>Rendering tiles or writing outputs.</summary>
    Running = 1,

    /// <summary>Finished: every output is written.</summary>
    Done = 2,

    /// <summary>Stopped by an error (see the status' errors).</summary>
    Failed = 3,

    /// <summary>Stopped by <c>DELETE /jobs/{id}</c>.</summary>
    Cancelled = 4,
}
