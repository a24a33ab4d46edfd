using TileCluster.Rendering.Native;

namespace TileCluster.Rendering.Tests;

public sealed class ThreadCpuClockTests
{
    [Fact]
    public void Now_AfterWorkOnThisThread_HasAdvanced()
    {
        var before = ThreadCpuClock.Now();
        double sum = 0;
        for (int i = 1; i < 20_000_000; i++)
        {
            sum += Math.Sqrt(i);
        }

        var after = ThreadCpuClock.Now();

        Assert.True(sum > 0);
        Assert.True(after > before, $"thread CPU time went from {before} to {after} over 20 million square roots");
    }
}
