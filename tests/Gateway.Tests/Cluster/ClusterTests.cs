using System.Net;
using TileCluster.Gateway.Tests.Infrastructure;
using static TileCluster.Gateway.Tests.Cluster.ClusterRequests;

namespace TileCluster.Gateway.Tests.Cluster;

/// <summary>Three silos and a gateway as separate processes, against the real PostGIS.</summary>
[Collection(FailoverCollection.Name)]
public sealed class ClusterTests
{
    /// <summary>The issue's target: after kill -9 of one of three silos, errors stop within 5 s.</summary>
    private const double KillNineErrorsStopSeconds = 5;

    /// <summary>The issue's target: after SIGSTOP of one of three silos, errors stop within 15 s.</summary>
    private const double SigstopErrorsStopSeconds = 15;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 240_000)]
    public async Task Get_500ConcurrentAcrossOneMetatile_RendersOnceClusterWide()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 3);
        var responses = await Task.WhenAll(Enumerable.Range(0, 500).Select(async i =>
        {
            using var response = await cluster.Client.GetAsync(new Uri($"/osm/16/{34496 + (i % 8)}/{23008 + ((i / 8) % 8)}.png", UriKind.Relative), Cancel);
            return response.StatusCode;
        }));

        Assert.All(responses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, await cluster.RendersAsync());
    }

    [Fact(Timeout = 240_000)]
    public async Task Get_ManyMetatiles_SpreadOverAllSilos()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 3);
        await AssertAllServedAsync(cluster, MetatilePaths(30, z: 12, x0: 2144, y0: 1424));

        var silos = await cluster.SiloStatusAsync();
        Assert.Equal(3, silos.Length);
        Assert.All(silos, s => Assert.True(s.GetProperty("renders").GetInt64() > 0, $"{s.GetProperty("siloId")} rendered nothing"));
        Assert.Equal(30, silos.Sum(s => s.GetProperty("renders").GetInt64()));
    }

    [Fact(Timeout = 300_000)]
    public async Task KillNine_UnderLoad_ErrorsStopWithinTarget()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 3, NoHotCache);
        var paths = MetatilePaths(24);
        await AssertAllServedAsync(cluster, paths); // rendered and stored first: the load then measures failover, not rendering
        await using var load = new LoadLoop(cluster.BaseAddress, paths);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);

        double killedAt = load.Now;
        cluster.Silos[1].Kill();
        await Task.Delay(TimeSpan.FromSeconds(15), Cancel);
        await load.StopAsync();

        AssertErrorsStopWithin("kill -9", load.Samples, killedAt, KillNineErrorsStopSeconds);

        // Every tile is served afterwards, the dead silo's included (its grains re-placed, their tiles read from the store).
        await AssertAllServedAsync(cluster, paths);
        await cluster.WaitForActiveSilosAsync(2);
    }

    [Fact(Timeout = 300_000)]
    public async Task Sigstop_UnderLoad_ErrorsStopWithinTarget()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 3, NoHotCache);
        var paths = MetatilePaths(36);
        await AssertAllServedAsync(cluster, paths);
        await using var load = new LoadLoop(cluster.BaseAddress, paths);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);

        var hung = cluster.Silos[2];
        double stoppedAt = load.Now;
        hung.Stop();
        await Task.Delay(TimeSpan.FromSeconds(25), Cancel);
        await load.StopAsync();

        AssertErrorsStopWithin("SIGSTOP", load.Samples, stoppedAt, SigstopErrorsStopSeconds);

        // The hung silo is out: the other two serve everything, and when it wakes up it finds
        // itself declared dead and does not come back as a member.
        await cluster.WaitForActiveSilosAsync(2);
        await AssertAllServedAsync(cluster, paths);
        hung.Continue();
        await Task.Delay(TimeSpan.FromSeconds(5), Cancel);
        await AssertAllServedAsync(cluster, paths);
        await cluster.WaitForActiveSilosAsync(2);
        TestContext.Current.TestOutputHelper?.WriteLine($"the woken silo has {(hung.HasExited ? "exited" : "not exited")}");
    }

    [Fact(Timeout = 300_000)]
    public async Task AddSilo_UnderLoad_TakesKeysWithoutErrors()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 2, NoHotCache);
        var paths = MetatilePaths(36);
        await using var load = new LoadLoop(cluster.BaseAddress, paths);
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);

        await cluster.AddSiloAsync();
        await cluster.WaitForActiveSilosAsync(3);

        // Orleans leaves running activations where they are; metatiles first asked for after the
        // join are placed over all three silos (each misses the newcomer with odds (2/3)^36).
        await using var after = new LoadLoop(cluster.BaseAddress, MetatilePaths(36, y0: 11536));
        await Task.Delay(TimeSpan.FromSeconds(4), Cancel);
        await load.StopAsync();
        await after.StopAsync();

        var failed = load.Samples.Concat(after.Samples).Where(s => !s.Ok).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} failed: {string.Join("; ", failed.Take(5))}");
        var newcomer = (await cluster.SiloStatusAsync()).Single(s => s.GetProperty("siloId").GetString() == "silo-3");
        Assert.True(newcomer.GetProperty("activations").GetInt32() > 0, "the new silo got no keys");
    }

    [Fact(Timeout = 300_000)]
    public async Task Sigterm_UnderLoad_ZeroFailedRequests()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 3, NoHotCache);
        var paths = MetatilePaths(36);
        await using var load = new LoadLoop(cluster.BaseAddress, paths);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);

        var leaving = cluster.Silos[0];
        leaving.Terminate();
        await leaving.WaitForExitAsync(TimeSpan.FromSeconds(40));
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
        await load.StopAsync();

        Assert.Equal(0, leaving.ExitCode);
        var failed = load.Samples.Where(s => !s.Ok).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} of {load.Samples.Count} failed: {string.Join("; ", failed.Take(5))}");
        await cluster.WaitForActiveSilosAsync(2);
    }
}
