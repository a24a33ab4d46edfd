using System.Globalization;
using TileCluster.Gateway.Tests.Cluster;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Storage;
using TileCluster.Tests.Shared;
using static TileCluster.Gateway.Tests.Cluster.ClusterRequests;

namespace TileCluster.Gateway.Tests.Caches;

/// <summary>
/// A silo whose store has an S3 bucket (a real s3rver of the test's own) behind its disk: rendered
/// metatiles land in the bucket; when the S3 server stops under traffic, every request is still
/// served (metatiles not on disk are rendered), and the writes S3 missed are retried and land in the
/// bucket once the server is back.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class S3StoreOutageTests
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(90);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 400_000)]
    public async Task S3StoppedUnderTraffic_EveryRequestServed_AndMissedWritesLandAfterItComesBack()
    {
        await using var s3 = await S3Server.StartAsync();
        var environment = new Dictionary<string, string>
        {
            // The gateway's memory tier off, so every request reaches the grain and its store.
            ["TILECLUSTER_Cache__Chains__default__0__Kind"] = "none",
            ["TILECLUSTER_Store__S3__Bucket"] = S3Server.Bucket,
            ["TILECLUSTER_Store__S3__ServiceUrl"] = s3.ServiceUrl,
            ["TILECLUSTER_Store__S3__AccessKey"] = S3Server.AccessKey,
            ["TILECLUSTER_Store__S3__SecretKey"] = S3Server.SecretKey,
            ["TILECLUSTER_Store__S3__Timeout"] = "00:00:10",
            ["TILECLUSTER_Store__S3__BreakDuration"] = "00:00:01",
            ["TILECLUSTER_Store__S3__RetryInterval"] = "00:00:00.5",
        };
        await using var cluster = await TestCluster.StartAsync(silos: 1, environment);

        // Before the outage: a rendered metatile is in the bucket.
        var before = MetatilePaths(3);
        await AssertAllServedAsync(cluster, before);
        foreach (string path in before)
        {
            Assert.NotNull(await s3.MetadataAsync(ObjectKey(path)));
        }

        // During: metatiles never rendered before, so the silo must render and store them with S3 gone.
        var during = MetatilePaths(6, y0: 11496);
        await using var load = new LoadLoop(cluster.Client.BaseAddress!, [.. before, .. during]);
        await s3.StopAsync();
        double stoppedAt = load.Now;
        await AssertAllServedAsync(cluster, during);
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        double restartedAt = load.Now;
        await s3.RestartAsync();
        await load.StopAsync();
        var outage = load.Samples.Where(s => s.Started >= stoppedAt && s.Started < restartedAt).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"S3 down {restartedAt - stoppedAt:F1} s: {outage.Count} requests, {outage.Count(s => !s.Ok)} failed"));
        Assert.True(outage.Count > 0, "no load while S3 was down");
        Assert.All(load.Samples, s => Assert.True(s.Ok, $"a request failed at {s.Started - stoppedAt:F1} s after the stop: {s.Status?.ToString() ?? s.Error}"));

        // After: the retry queue puts every metatile rendered during the outage into the bucket.
        var deadline = DateTime.UtcNow + RecoveryLimit;
        foreach (string path in during)
        {
            while (await s3.MetadataAsync(ObjectKey(path)) is null)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{ObjectKey(path)} was not in S3 {RecoveryLimit.TotalSeconds} s after it came back");
                await Task.Delay(250, Cancel);
            }
        }
    }

    /// <summary>The bucket key of the metatile holding <c>/osm/{z}/{x}/{y}.png</c>.</summary>
    private static string ObjectKey(string path)
    {
        string[] parts = path.Replace(".png", string.Empty, StringComparison.Ordinal).Split('/');
        var tile = TileCoord.Create(int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture), int.Parse(parts[4], CultureInfo.InvariantCulture));
        return MetaPath.Relative("osm", MetatileCoord.Containing(tile));
    }
}
