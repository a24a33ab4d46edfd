using System.Globalization;
using System.Net;
using TileCluster.Gateway.Tests.Infrastructure;
using static TileCluster.Gateway.Tests.Cluster.ClusterRequests;

namespace TileCluster.Gateway.Tests.Cluster;

/// <summary>
/// The membership store (Redis) stops. Membership cannot change meanwhile, but the members keep
/// talking to each other: cached and stored tiles keep flowing, and once Redis is back the
/// cluster renders again and reports ready without anyone restarting it.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class RedisOutageTests
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 400_000)]
    public async Task RedisStoppedAndRestarted_CachedTilesServed_ThenRendersAgain()
    {
        await using var cluster = await TestCluster.StartAsync(silos: 3);
        var cached = MetatilePaths(12);
        await AssertAllServedAsync(cluster, cached); // rendered, stored and now in the gateway's hot cache

        // Other tiles of the same metatiles: not in the hot cache, but their grains are active and their tiles stored.
        var storedOnly = cached.Select(p => p.Replace(".png", string.Empty, StringComparison.Ordinal).Split('/')).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"/osm/{p[2]}/{int.Parse(p[3], CultureInfo.InvariantCulture) + 3}/{int.Parse(p[4], CultureInfo.InvariantCulture) + 5}.png")).ToList();

        await using var load = new LoadLoop(cluster.BaseAddress, cached);
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
        double stoppedAt = load.Now;
        await cluster.Redis.StopAsync();

        var storedOnlyStatus = new List<HttpStatusCode>();
        foreach (string path in storedOnly)
        {
            using var response = await cluster.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
            storedOnlyStatus.Add(response.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(10) - TimeSpan.FromSeconds(load.Now - stoppedAt), Cancel);
        double restartedAt = load.Now;
        await cluster.Redis.RestartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
        await load.StopAsync();

        var during = load.Samples.Where(s => s.Started >= stoppedAt && s.Started < restartedAt).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Redis down {restartedAt - stoppedAt:F1} s: {during.Count} cached requests, {during.Count(s => !s.Ok)} failed; uncached tiles of active grains: {string.Join(", ", storedOnlyStatus)}\n{Timeline(load.Samples, stoppedAt)}"));
        Assert.True(during.Count > 0, "no load while Redis was down");
        Assert.All(load.Samples, s => Assert.True(s.Ok, $"a cached tile failed at {s.Started - stoppedAt:F1} s: {s.Status?.ToString() ?? s.Error}"));
        Assert.All(storedOnlyStatus, s => Assert.Equal(HttpStatusCode.OK, s));

        // Redis is back: new cold metatiles render again and the gateway is ready, all by itself.
        var started = DateTime.UtcNow;
        var cold = MetatilePaths(3, z: 14, x0: 8616, y0: 5744);
        foreach (string path in cold)
        {
            HttpStatusCode status = 0;
            while (status != HttpStatusCode.OK && DateTime.UtcNow - started < RecoveryLimit)
            {
                using var response = await cluster.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
                status = response.StatusCode;
                if (status != HttpStatusCode.OK)
                {
                    await Task.Delay(500, Cancel);
                }
            }

            Assert.True(status == HttpStatusCode.OK, $"{path} still {status} {RecoveryLimit.TotalSeconds} s after Redis came back");
        }

        await cluster.Gateway.WaitForAsync("/readyz", RecoveryLimit);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold tiles rendered and ready {(DateTime.UtcNow - started).TotalSeconds:F1} s after Redis came back"));
        await cluster.WaitForActiveSilosAsync(3);
        Assert.Equal(12 + cold.Count, await cluster.RendersAsync());
    }
}
