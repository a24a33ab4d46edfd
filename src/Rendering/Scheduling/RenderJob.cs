using System.Diagnostics;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Rendering.Scheduling;

/// <summary>
/// One queued metatile render. Requests for a key already queued join this job instead of
/// queueing another (Tirex merges the same way); the job keeps the most urgent priority.
/// An export is a job with <see cref="Export"/> set: it has no key and never merges.
/// </summary>
internal sealed class RenderJob(MetatileKey key, RenderPriority priority, ActivityContext parent)
{
    /// <summary>An export job: runs <paramref name="export"/> on a render thread with that thread's renderer.</summary>
    public RenderJob(Func<IMapRenderer, CancellationToken, object> export, RenderPriority priority, ActivityContext parent)
        : this(default(MetatileKey), priority, parent)
    {
        Export = export;
    }

    /// <summary>The export work (a whole image, its labels or one strip) to run instead of a metatile render, or null for a metatile job.</summary>
    public Func<IMapRenderer, CancellationToken, object>? Export { get; }

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
