using System.Collections.Concurrent;

namespace TileCluster.Grains.Runtime;

/// <summary>
/// A silo's activations: at most one live activation per key, created on first call and
/// collected after <c>idleTimeout</c> without calls, so memory stays bounded under a long tail
/// of keys. This is the "activation" part of the grain runtime; it knows nothing of tiles.
/// </summary>
internal sealed class ActivationTable<TKey, TGrain>(Func<TKey, TGrain> activate, TimeSpan idleTimeout, TimeProvider time) : IDisposable
    where TKey : notnull
    where TGrain : class
{
    private readonly ConcurrentDictionary<TKey, Activation<TGrain>> _activations = new();
    private readonly Func<TKey, TGrain> _activate = activate;
    private readonly TimeProvider _time = time;
    private readonly long _idleTicks = (long)(idleTimeout.TotalSeconds * time.TimestampFrequency);

    /// <summary>Activations in memory now.</summary>
    public int Count => _activations.Count;

    /// <summary>
    /// Runs <paramref name="call"/> on the key's activation in its own turn. State is passed
    /// explicitly so callers need no closure per call.
    /// </summary>
    public ValueTask<TResult> InvokeAsync<TState, TResult>(
        TKey key,
        TState state,
        Func<TGrain, TState, CancellationToken, ValueTask<TResult>> call,
        CancellationToken cancellationToken) =>
        InvokeCoreAsync(key, state, call, takeTurn: true, cancellationToken);

    /// <summary>
    /// Runs <paramref name="call"/> on the key's activation without taking a turn (Orleans'
    /// <c>[AlwaysInterleave]</c>): for calls that only read what the grain publishes for waiting.
    /// </summary>
    public ValueTask<TResult> InvokeInterleavedAsync<TState, TResult>(
        TKey key,
        TState state,
        Func<TGrain, TState, CancellationToken, ValueTask<TResult>> call,
        CancellationToken cancellationToken) =>
        InvokeCoreAsync(key, state, call, takeTurn: false, cancellationToken);

    private async ValueTask<TResult> InvokeCoreAsync<TState, TResult>(
        TKey key,
        TState state,
        Func<TGrain, TState, CancellationToken, ValueTask<TResult>> call,
        bool takeTurn,
        CancellationToken cancellationToken)
    {
        var activation = Enter(key);
        try
        {
            if (takeTurn)
            {
                await activation.Turn.WaitAsync(cancellationToken);
            }

            try
            {
                return await call(activation.Grain, state, cancellationToken);
            }
            finally
            {
                if (takeTurn)
                {
                    activation.Turn.Release();
                }
            }
        }
        finally
        {
            activation.Exit(_time.GetTimestamp());
        }
    }

    /// <summary>The key's activation, registered as in use; created if there is none.</summary>
    private Activation<TGrain> Enter(TKey key)
    {
        while (true)
        {
            var activation = _activations.GetOrAdd(key, static (k, self) => new Activation<TGrain>(self._activate(k), self._time.GetTimestamp()), this);
            if (activation.TryEnter())
            {
                return activation;
            }

            // Collected between lookup and entry; the collector removes it, so the next lookup creates a fresh one.
            _activations.TryRemove(new KeyValuePair<TKey, Activation<TGrain>>(key, activation));
        }
    }

    /// <summary>Whether the key has a live activation now.</summary>
    public bool IsActive(TKey key) => _activations.ContainsKey(key);

    /// <summary>Removes activations idle longer than the idle timeout; returns how many.</summary>
    public int CollectIdle()
    {
        long cutoff = _time.GetTimestamp() - _idleTicks;
        int collected = 0;
        foreach (var (key, activation) in _activations)
        {
            if (activation.Grain is IKeepAlive { KeepAlive: true })
            {
                continue;
            }

            if (activation.TryDeactivate(cutoff) && _activations.TryRemove(new KeyValuePair<TKey, Activation<TGrain>>(key, activation)))
            {
                activation.Dispose();
                collected++;
            }
        }

        return collected;
    }

    public void Dispose()
    {
        foreach (var activation in _activations.Values)
        {
            activation.Dispose();
        }

        _activations.Clear();
    }
}
