using Polly;
using Polly.CircuitBreaker;

namespace TileCluster.Storage;

/// <summary>
/// The resilience pipeline of a remote tier (a shared cache, the S3 store): a circuit breaker that
/// skips the tier for a while once half the calls of 2 s (at least 4) fail, then a timeout per call.
/// A call its caller cancelled says nothing about the server and does not count.
/// </summary>
internal static class TierPipeline
{
    /// <summary>
    /// Builds the pipeline; <paramref name="state"/> tells whether the circuit is open,
    /// <paramref name="opened"/> (seconds it stays open, the failure) and <paramref name="closed"/> log its changes.
    /// </summary>
    public static ResiliencePipeline Build(TimeProvider time, TimeSpan breakDuration, TimeSpan timeout, CircuitBreakerStateProvider state, Action<double, string> opened, Action closed) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(2),
                BreakDuration = breakDuration,
                StateProvider = state,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(static e => e is not OperationCanceledException),
                OnOpened = args =>
                {
                    opened(args.BreakDuration.TotalSeconds, args.Outcome.Exception?.Message ?? "failing");
                    return default;
                },
                OnClosed = _ =>
                {
                    closed();
                    return default;
                },
            })
            .AddTimeout(timeout)
            .Build();

    /// <summary>Whether the circuit is open: the tier is being skipped.</summary>
    public static bool IsOpen(CircuitBreakerStateProvider state) => state.CircuitState is CircuitState.Open or CircuitState.Isolated;
}
