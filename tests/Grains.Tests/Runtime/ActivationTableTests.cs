using TileCluster.Grains.Runtime;

namespace TileCluster.Grains.Tests.Runtime;

public sealed class ActivationTableTests
{
    private sealed class Counter
    {
        public int Inside;
        public int MaxInside;
        public int Calls;
    }

    [Fact]
    public async Task InvokeAsync_ConcurrentCalls_TakeTurns()
    {
        using var table = new ActivationTable<int, Counter>(_ => new Counter(), TimeSpan.FromMinutes(1), TimeProvider.System);
        var calls = Enumerable.Range(0, 50).Select(_ => table.InvokeAsync(7, 0, static async (grain, _, ct) =>
        {
            int inside = Interlocked.Increment(ref grain.Inside);
            grain.MaxInside = Math.Max(grain.MaxInside, inside);
            await Task.Delay(1, ct);
            grain.Calls++;
            Interlocked.Decrement(ref grain.Inside);
            return grain;
        }, CancellationToken.None).AsTask());

        var grains = await Task.WhenAll(calls);
        Assert.Single(grains.Distinct());
        Assert.Equal(1, grains[0].MaxInside);
        Assert.Equal(50, grains[0].Calls);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public async Task CollectIdle_RemovesOnlyIdleActivations()
    {
        var time = new ManualTimeProvider();
        int created = 0;
        using var table = new ActivationTable<int, Counter>(_ => { created++; return new Counter(); }, TimeSpan.FromMinutes(5), time);
        await table.InvokeAsync(1, 0, static (g, _, _) => ValueTask.FromResult(g), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(4));
        await table.InvokeAsync(2, 0, static (g, _, _) => ValueTask.FromResult(g), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(1, table.CollectIdle());
        Assert.Equal(1, table.Count);

        // A collected key gets a fresh activation on its next call.
        await table.InvokeAsync(1, 0, static (g, _, _) => ValueTask.FromResult(g), CancellationToken.None);
        Assert.Equal(3, created);
    }
}
