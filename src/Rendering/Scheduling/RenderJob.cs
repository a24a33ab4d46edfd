using System.Diagnostics;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Rendering.Scheduling;

/// <summary>
/// One queued metatile render. Requests for a key already queued join this job instead of
/// queueing another (Tirex merges the same way); the job keeps the most urgent priority.
/// </summary>
internal sealed class RenderJob(MetatileKey key, RenderPriority priority, ActivityContext parent)
{
    private readonly TaskCompletionSource<RenderOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public MetatileKey Key { get; } = key;

    /// <summary>The trace of the request that queued the job, so the render span joins it across the thread hop.</summary>
    public ActivityContext Parent { get; } = parent;

    /// <summary>Current priority; only lowered (made more urgent) while queued. Guarded by the queue's lock.</summary>
    public RenderPriority Priority { get; set; } = priority;

    /// <summary>Callers still waiting; when it drops to zero while queued, the job is dropped. Guarded by the queue's lock.</summary>
    public int Waiters { get; set; } = 1;

    /// <summary>Taken by a render thread (or dropped); no longer in the queue. Guarded by the queue's lock.</summary>
    public bool Dequeued { get; set; }

    public Task<RenderOutcome> Completion => _completion.Task;

    public void Complete(RenderOutcome outcome) => _completion.TrySetResult(outcome);
}
