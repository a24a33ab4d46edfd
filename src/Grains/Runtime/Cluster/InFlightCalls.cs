namespace TileCluster.Grains.Runtime.Cluster;

/// <summary>Counts grain calls being served, so a leaving silo can wait for them.</summary>
internal sealed class InFlightCalls
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Enter() => Interlocked.Increment(ref _count);

    public void Exit() => Interlocked.Decrement(ref _count);

    public async Task WaitForZeroAsync(CancellationToken cancellationToken)
    {
        while (Count > 0)
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
