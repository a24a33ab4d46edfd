namespace TileCluster.Grains.Runtime;

/// <summary>
/// One grain activation: the grain instance plus its turn lock. Calls take turns, so the grain
/// body never runs concurrently with itself (Orleans' non-reentrant default).
/// </summary>
internal sealed class Activation<TGrain>(TGrain grain, long nowTicks) : IDisposable
    where TGrain : class
{
    private readonly Lock _lock = new();
    private int _callers;
    private bool _deactivated;
    private long _lastUsedTicks = nowTicks;

    public TGrain Grain { get; } = grain;

    /// <summary>The turn: held for the whole of one call.</summary>
    public SemaphoreSlim Turn { get; } = new(1, 1);

    /// <summary>Registers a caller; false when the activation was just collected and a new one must be made.</summary>
    public bool TryEnter()
    {
        lock (_lock)
        {
            if (_deactivated)
            {
                return false;
            }

            _callers++;
            return true;
        }
    }

    public void Exit(long nowTicks)
    {
        lock (_lock)
        {
            _callers--;
            _lastUsedTicks = nowTicks;
        }
    }

    /// <summary>Marks the activation dead if nobody uses it and it has been idle since before <paramref name="cutoffTicks"/>.</summary>
    public bool TryDeactivate(long cutoffTicks)
    {
        lock (_lock)
        {
            if (_callers > 0 || _lastUsedTicks > cutoffTicks)
            {
                return false;
            }

            _deactivated = true;
            return true;
        }
    }

    public void Dispose() => Turn.Dispose();
}
