namespace TileCluster.Cli.Replication;

/// <summary>
/// Exponential backoff: 1 s, 2 s, 4 s, … doubling after each failed attempt, never more than
/// <see cref="Max"/>. A success resets it.
/// </summary>
public sealed class RetrySchedule(TimeSpan max)
{
    /// <summary>The first delay.</summary>
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);

    /// <summary>The cap.</summary>
    public TimeSpan Max { get; } = max > TimeSpan.Zero ? max : throw new ArgumentOutOfRangeException(nameof(max), max, "the maximum backoff must be positive");

    /// <summary>Failed attempts since the last reset.</summary>
    public int Failures { get; private set; }

    /// <summary>The wait before retry number <paramref name="failures"/> (1 = after the first failure).</summary>
    public TimeSpan DelayAfter(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        // 2^(failures-1) s; past 2^40 s every sensible cap has long been reached.
        double seconds = Initial.TotalSeconds * Math.Pow(2, Math.Min(failures - 1, 40));
        return seconds >= Max.TotalSeconds ? Max : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Counts a failure and returns how long to wait before the next attempt.</summary>
    public TimeSpan NextDelay() => DelayAfter(++Failures);

    /// <summary>After a success: the next failure waits <see cref="Initial"/> again.</summary>
    public void Reset() => Failures = 0;
}
