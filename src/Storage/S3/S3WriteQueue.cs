using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.S3;

/// <summary>
/// Changes S3 did not take (it was down, slow or being skipped), retried in the background until it
/// does: at most <c>Store:S3:RetryQueueLength</c> metatiles, the newest change per metatile. A
/// change for a metatile not yet queued is dropped while the queue is full: the metatile is on the
/// silo's disk, and S3 gets it again on its next render; a dropped dirty mark leaves S3's copy
/// looking fresh to a silo that reads it from there until the next expiry of that metatile. A round
/// that meets a failure waits <c>RetryInterval</c>, doubling per failed round up to 16 times it.
/// Queued changes live in memory: a silo that stops loses them (its disk keeps the tiles).
/// </summary>
internal sealed partial class S3WriteQueue : IAsyncDisposable
{
    private readonly S3MetatileBucket _bucket;
    private readonly S3StoreMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _capacity;
    private readonly TimeSpan _interval;
    private readonly Dictionary<MetatileKey, S3PendingWrite> _pending = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _worker;

    public S3WriteQueue(S3MetatileBucket bucket, IOptions<StoreOptions> options, S3StoreMetrics metrics, TimeProvider time, ILogger<S3WriteQueue> logger)
    {
        (_bucket, _metrics, _time, _logger) = (bucket, metrics, time, logger);
        _capacity = options.Value.S3.RetryQueueLength;
        _interval = options.Value.S3.RetryInterval;
        metrics.ObserveQueue(() => Count);
    }

    /// <summary>Metatiles with a change waiting.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Whether a change for <paramref name="key"/> is waiting (or being retried right now).</summary>
    public bool Contains(MetatileKey key)
    {
        lock (_lock)
        {
            return _pending.ContainsKey(key);
        }
    }

    /// <summary>
    /// Queues <paramref name="write"/> in place of any waiting change for <paramref name="key"/>;
    /// false when it was dropped because the queue is full.
    /// </summary>
    public bool Enqueue(MetatileKey key, S3PendingWrite write)
    {
        lock (_lock)
        {
            if (!_pending.ContainsKey(key) && _pending.Count >= _capacity)
            {
                _metrics.Write("dropped");
                LogDropped(key, write.Kind, _capacity);
                return false;
            }

            _pending[key] = write;
            _worker ??= Task.Run(RunAsync);
        }

        _metrics.Write("queued");
        _signal.Release();
        return true;
    }

    /// <summary>
    /// Marks a waiting upload of <paramref name="key"/> dirty, so it goes up with its dirty mark;
    /// false when no upload is waiting.
    /// </summary>
    public bool TryMarkPendingDirty(MetatileKey key)
    {
        lock (_lock)
        {
            if (!_pending.TryGetValue(key, out var write) || write.Kind != S3PendingKind.Put)
            {
                return false;
            }

            _pending[key] = write with { Dirty = true };
            return true;
        }
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        var backoff = _interval;
        try
        {
            while (true)
            {
                await _signal.WaitAsync(token);
                while (Count > 0)
                {
                    if (await RetryRoundAsync(token))
                    {
                        backoff = _interval;
                        continue;
                    }

                    await Task.Delay(backoff, _time, token);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _interval.Ticks * 16));
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }

    /// <summary>Sends every waiting change once, oldest first; stops at the first failure (S3 is still away).</summary>
    private async Task<bool> RetryRoundAsync(CancellationToken cancellationToken)
    {
        KeyValuePair<MetatileKey, S3PendingWrite>[] round;
        lock (_lock)
        {
            round = [.. _pending];
        }

        foreach (var (key, write) in round)
        {
            try
            {
                await ApplyAsync(key, write, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogRetryFailed(round.Length, e.Message);
                return false;
            }

            lock (_lock)
            {
                // A newer change that arrived meanwhile stays for the next round.
                if (_pending.TryGetValue(key, out var current) && ReferenceEquals(current, write))
                {
                    _pending.Remove(key);
                }
            }

            _metrics.Write("retried");
        }

        return true;
    }

    private async ValueTask ApplyAsync(MetatileKey key, S3PendingWrite write, CancellationToken cancellationToken)
    {
        switch (write.Kind)
        {
            case S3PendingKind.Put:
                await _bucket.PutAsync(key, write.Meta, write.Mtime, write.Dirty, cancellationToken);
                break;
            case S3PendingKind.MarkDirty:
                // Absent is fine: there is nothing stale in S3 to mark.
                await _bucket.MarkDirtyAsync(key, cancellationToken);
                break;
            default:
                await _bucket.DeleteAsync(key, cancellationToken);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_worker is { } worker)
        {
            await worker;
        }

        int left = Count;
        if (left > 0)
        {
            LogLostOnStop(left);
        }

        _stopping.Dispose();
        _signal.Dispose();
    }

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "S3 retry queue is full ({Capacity} metatiles): {Kind} of {Key} is not sent to S3 (the disk has it)")]
    private partial void LogDropped(MetatileKey key, S3PendingKind kind, int capacity);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Debug, Message = "S3 still fails ({Reason}); {Count} metatiles wait")]
    private partial void LogRetryFailed(int count, string reason);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Warning, Message = "Stopping with {Count} changes S3 never took; those metatiles are only on this silo's disk")]
    private partial void LogLostOnStop(int count);
}
