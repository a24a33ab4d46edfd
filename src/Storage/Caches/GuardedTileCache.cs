using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Storage.Caches;

/// <summary>
/// Puts a shared tier behind a timeout and a circuit breaker (Polly): a server that is down or slow
/// costs a request at most <c>Timeout</c>, and once half of the calls of the last 2 s have failed the
/// tier is skipped outright for <c>BreakDuration</c>, then tried again with one call. The window is
/// short so that a burst of earlier hits does not keep a tier that now only times out in use. Failures surface as
/// exceptions (<see cref="BrokenCircuitException"/> while skipped), which the chain counts and passes by.
/// </summary>
internal sealed partial class GuardedTileCache : ITileCache, IAsyncDisposable
{
    private readonly ITileCache _inner;
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();

    public GuardedTileCache(ITileCache inner, CacheTierSettings settings, TimeProvider time, ILogger logger)
    {
        _inner = inner;
        _pipeline = TierPipeline.Build(time, settings.BreakDuration, settings.Timeout, _state, (seconds, reason) => LogOpened(logger, settings.Label, seconds, reason), () => LogClosed(logger, settings.Label));
    }

    /// <summary>Whether the tier is being skipped (its circuit is open).</summary>
    public bool IsOpen => TierPipeline.IsOpen(_state);

    public ValueTask<CachedTile?> GetAsync(TileCacheKey key, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(static (state, token) => state.Inner.GetAsync(state.Key, token), (Inner: _inner, Key: key), cancellationToken);

    public ValueTask SetAsync(TileCacheKey key, CachedTile tile, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(static (state, token) => state.Inner.SetAsync(state.Key, state.Tile, token), (Inner: _inner, Key: key, Tile: tile), cancellationToken);

    /// <remarks>An expire list may take many round trips, so only the breaker guards it, not the per-call timeout.</remarks>
    public ValueTask RemoveAsync(IReadOnlyList<ExpiryTarget> targets, CancellationToken cancellationToken) =>
        IsOpen ? throw new BrokenCircuitException("the tier is being skipped after failures") : _inner.RemoveAsync(targets, cancellationToken);

    public ValueTask DisposeAsync() => _inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : default;

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Cache tier {Tier} is failing ({Reason}); skipping it for {Seconds:F1} s")]
    private static partial void LogOpened(ILogger logger, string tier, double seconds, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Cache tier {Tier} answers again")]
    private static partial void LogClosed(ILogger logger, string tier);
}
