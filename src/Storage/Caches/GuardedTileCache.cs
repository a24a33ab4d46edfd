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
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(2),
                BreakDuration = settings.BreakDuration,
                StateProvider = _state,

                // A request the client gave up on says nothing about the server.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(static e => e is not OperationCanceledException),
                OnOpened = args =>
                {
                    LogOpened(logger, settings.Label, args.BreakDuration.TotalSeconds, args.Outcome.Exception?.Message ?? "failing");
                    return default;
                },
                OnClosed = _ =>
                {
                    LogClosed(logger, settings.Label);
                    return default;
                },
            })
            .AddTimeout(settings.Timeout)
            .Build();
    }

    /// <summary>Whether the tier is being skipped (its circuit is open).</summary>
    public bool IsOpen => _state.CircuitState is CircuitState.Open or CircuitState.Isolated;

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
