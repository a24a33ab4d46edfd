using System.Diagnostics;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Rendering.Scheduling;

/// <summary>
/// A bounded priority queue of metatile renders that merges identical work: a key already queued
/// gains a waiter and keeps the more urgent priority. When full, a newcomer evicts the least
/// urgent queued job if that job is less urgent than itself; otherwise it is refused. So an
/// interactive miss is never dropped in favour of bulk work.
/// </summary>
public sealed class RenderQueue(int capacity) : IDisposable
{
    private static readonly int PriorityCount = Enum.GetValues<RenderPriority>().Length;

    private readonly Lock _lock = new();
    private readonly PriorityQueue<RenderJob, (RenderPriority Priority, long Sequence)> _heap = new();
    private readonly Dictionary<MetatileKey, RenderJob> _queued = [];
    private readonly HashSet<RenderJob> _exports = new(ReferenceEqualityComparer.Instance);
    private readonly int[] _depth = new int[PriorityCount];
    private readonly long[] _dropped = new long[PriorityCount];
    private readonly SemaphoreSlim _available = new(0);
    private long _sequence;

    /// <summary>Jobs waiting now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queued.Count + _exports.Count;
            }
        }
    }

    /// <summary>Jobs waiting now at <paramref name="priority"/>.</summary>
    public int DepthOf(RenderPriority priority)
    {
        lock (_lock)
        {
            return _depth[(int)priority];
        }
    }

    /// <summary>Jobs at <paramref name="priority"/> refused or evicted because the queue was full.</summary>
    public long DroppedAt(RenderPriority priority)
    {
        lock (_lock)
        {
            return _dropped[(int)priority];
        }
    }

    /// <summary>Requests refused because the queue was full of more urgent work.</summary>
    public long Rejected { get; private set; }

    /// <summary>Queued jobs evicted to make room for more urgent work.</summary>
    public long Evicted { get; private set; }

    /// <summary>Requests that joined a job already queued for the same key.</summary>
    public long Merged { get; private set; }

    /// <summary>Queues a render of <paramref name="key"/>, or joins the one already queued.</summary>
    /// <returns>The job to wait on, or null when the queue is full of work at least as urgent.</returns>
    internal RenderJob? Enqueue(MetatileKey key, RenderPriority priority)
    {
        RenderJob? evicted = null;
        RenderJob job;
        lock (_lock)
        {
            if (_queued.TryGetValue(key, out var existing))
            {
                existing.Waiters++;
                Merged++;
                if (priority < existing.Priority)
                {
                    _depth[(int)existing.Priority]--;
                    existing.Priority = priority;
                    _depth[(int)priority]++;

                    // The old heap entry goes stale; Take skips entries whose priority no longer matches.
                    _heap.Enqueue(existing, (priority, _sequence++));
                }

                return existing;
            }

            if (!MakeRoom(priority, out evicted))
            {
                return null;
            }

            job = new RenderJob(key, priority, Activity.Current?.Context ?? default);
            _queued.Add(key, job);
            _depth[(int)priority]++;
            _heap.Enqueue(job, (priority, _sequence++));
        }

        evicted?.Complete(RenderOutcome.Rejected);
        _available.Release();
        return job;
    }

    /// <summary>Queues an export, which never merges with other work.</summary>
    /// <returns>The job to wait on, or null when the queue is full of work at least as urgent.</returns>
    internal RenderJob? EnqueueExport(Func<IMapRenderer, CancellationToken, object> export, RenderPriority priority)
    {
        RenderJob? evicted;
        RenderJob job;
        lock (_lock)
        {
            if (!MakeRoom(priority, out evicted))
            {
                return null;
            }

            job = new RenderJob(export, priority, Activity.Current?.Context ?? default);
            _exports.Add(job);
            _depth[(int)priority]++;
            _heap.Enqueue(job, (priority, _sequence++));
        }

        evicted?.Complete(RenderOutcome.Rejected);
        _available.Release();
        return job;
    }

    // Under the lock: when full, evicts the least urgent job if it is less urgent than the newcomer.
    private bool MakeRoom(RenderPriority priority, out RenderJob? evicted)
    {
        evicted = null;
        if (_queued.Count + _exports.Count < capacity)
        {
            return true;
        }

        evicted = FindLeastUrgent();
        if (evicted is null || evicted.Priority <= priority)
        {
            evicted = null;
            Rejected++;
            _dropped[(int)priority]++;
            return false;
        }

        _dropped[(int)evicted.Priority]++;
        Remove(evicted);
        Evicted++;
        return true;
    }

    /// <summary>Blocks a render thread until a job is available; the most urgent, oldest first.</summary>
    internal RenderJob Take(CancellationToken cancellationToken)
    {
        while (true)
        {
            _available.Wait(cancellationToken);
            lock (_lock)
            {
                while (_heap.TryDequeue(out var job, out var entry))
                {
                    if (job.Dequeued || entry.Priority != job.Priority)
                    {
                        continue;
                    }

                    Remove(job);
                    return job;
                }
            }

            // The signal belonged to a job that was evicted or abandoned; wait for the next one.
        }
    }

    /// <summary>A waiter gave up (its request was aborted). A queued job nobody waits for is dropped.</summary>
    internal void Abandon(RenderJob job)
    {
        lock (_lock)
        {
            job.Waiters--;
            if (job.Waiters > 0 || job.Dequeued)
            {
                return;
            }

            Remove(job);
        }

        job.Complete(RenderOutcome.Rejected);
    }

    private void Remove(RenderJob job)
    {
        job.Dequeued = true;
        if (job.Export is null)
        {
            _queued.Remove(job.Key);
        }
        else
        {
            _exports.Remove(job);
        }

        _depth[(int)job.Priority]--;
    }

    private RenderJob? FindLeastUrgent()
    {
        // Only runs when the queue is full, so a scan is cheaper than keeping a second heap.
        RenderJob? worst = null;
        foreach (var job in _queued.Values)
        {
            if (worst is null || job.Priority > worst.Priority)
            {
                worst = job;
            }
        }

        foreach (var job in _exports)
        {
            if (worst is null || job.Priority > worst.Priority)
            {
                worst = job;
            }
        }

        return worst;
    }

    public void Dispose() => _available.Dispose();
}
