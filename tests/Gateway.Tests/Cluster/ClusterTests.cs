using System.Net;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Cluster;

/// <summary>Three silos and a gateway as separate processes, against the real PostGIS.</summary>
public sealed class ClusterTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// Membership tests under load turn the gateway's hot cache off, so every request reaches a
    /// grain: otherwise tiles rendered before the change are answered from the gateway's memory,
    /// and a silo joining or leaving would go unnoticed by the load.
    /// </summary>
    private static readonly Dictionary<string, string> NoHotCache = new() { ["TILECLUSTER_Http__HotCacheMegabytes"] = "0" };

    /// <summary>Top-left tiles of <paramref name="count"/> metatiles at z15 over Liechtenstein.</summary>
    private static List<string> MetatilePaths(int count, int z = 15, int x0 = 17232, int y0 = 11488) =>
        [.. Enumerable.Range(0, count).Select(i => $"/osm/{z}/{x0 + ((i % 6) * 8)}/{y0 + ((i / 6) * 8)}.png")];

    [Fact]
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

    [Fact]
    public async Task Get_ManyMetatiles_SpreadOverAllSilos()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 3);
        await AssertAllServedAsync(cluster, MetatilePaths(30, z: 12, x0: 2144, y0: 1424));

        var silos = await cluster.SiloStatusAsync();
        Assert.Equal(3, silos.Length);
        Assert.All(silos, s => Assert.True(s.GetProperty("renders").GetInt64() > 0, $"{s.GetProperty("siloId")} rendered nothing"));
        Assert.Equal(30, silos.Sum(s => s.GetProperty("renders").GetInt64()));
    }

    [Fact]
    public async Task KillNine_UnderLoad_FailsOverWithinMembershipTimeout()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 3, NoHotCache);
        var paths = MetatilePaths(24);
        await using var load = new LoadLoop(cluster.BaseAddress, paths);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);

        double killedAt = load.Now;
        cluster.Silos[1].Kill();
        await Task.Delay(TimeSpan.FromSeconds(10), Cancel);
        await load.StopAsync();

        var samples = load.Samples;
        Assert.Contains(samples, s => s.Started > killedAt + 6);
        Assert.All(samples, s => Assert.True(s.Seconds < 20, $"a request took {s.Seconds:F1} s"));

        // Membership timeout (5 s) plus one retry: after that, no errors.
        var late = samples.Where(s => s.Started > killedAt + 6 && !s.Ok).ToList();
        Assert.True(late.Count == 0, $"errors after failover: {string.Join("; ", late.Take(5))}");

        // Every tile is served afterwards, the dead silo's included (re-rendered elsewhere or read from the store).
        await AssertAllServedAsync(cluster, paths);

        await cluster.WaitForActiveSilosAsync(2);
    }

    [Fact]
    public async Task AddSilo_UnderLoad_TakesKeysWithoutErrors()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 2, NoHotCache);
        var paths = MetatilePaths(36);
        await using var load = new LoadLoop(cluster.BaseAddress, paths);
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);

        await cluster.AddSiloAsync();
        await cluster.WaitForActiveSilosAsync(3);
        await Task.Delay(TimeSpan.FromSeconds(4), Cancel);
        await load.StopAsync();

        var failed = load.Samples.Where(s => !s.Ok).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} failed: {string.Join("; ", failed.Take(5))}");
        var newcomer = (await cluster.SiloStatusAsync()).Single(s => s.GetProperty("siloId").GetString() == "silo-3");
        Assert.True(newcomer.GetProperty("activations").GetInt32() > 0, "the new silo got no keys");
    }

    [Fact]
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

    private static async Task AssertAllServedAsync(TestCluster cluster, IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            using var response = await cluster.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        }
    }
}
