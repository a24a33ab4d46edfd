namespace TileCluster.Grains.Concurrency;

/// <summary>
/// Work that every caller asking for it while it runs shares: one render of a metatile, one fetch
/// of an upstream tile. A caller that gives up leaves it running for the others (and for the
/// gateway's retries). A finished run is never joined: when all of its callers gave up before it
/// ended, it lingers here while the store or the upstream moves on (a delete, an expiry), and a
/// later caller would be handed its old result as new. Use within a grain's turns only.
/// </summary>
/// <typeparam name="T">What the run produces.</typeparam>
internal sealed class SharedRun<T>
{
    private Task<T>? _run;

    /// <summary>The run in progress, or null when none is.</summary>
    public Task<T>? Running => _run is { IsCompleted: false } run ? run : null;

    /// <summary>Waits, as one caller, for the run in progress, or for a new one from <paramref name="start"/>.</summary>
    public async Task<T> RunAsync(Func<Task<T>> start, CancellationToken cancellationToken)
    {
        var run = Running ?? (_run = start());
        try
        {
            return await run.WaitAsync(cancellationToken);
        }
        finally
        {
            // Not kept once finished: its result would only hold memory.
            if (run.IsCompleted && ReferenceEquals(_run, run))
            {
                _run = null;
            }
        }
    }
}
