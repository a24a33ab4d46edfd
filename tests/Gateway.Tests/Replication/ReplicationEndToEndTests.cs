using System.Net;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Grains.Abstractions.Expiry;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Storage;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Replication;

/// <summary>
/// The whole feed against real processes: a cluster on a scratch copy of the import renders
/// Liechtenstein, then <c>tilecluster replicate</c> applies the real planet diff 466354 and the
/// Vaduz fixture 466355 from a local replication directory with the real osm2pgsql, and posts
/// the expiries. The dirty set is checked against an expire list made independently (the same
/// diffs applied by osm2pgsql to a second copy) and an overlap test that shares no code with
/// the expansion.
/// </summary>
public sealed class ReplicationEndToEndTests
{
    private const string Token = "replication-test-token";
    private static readonly DateTime ExpiredMtime = DirtyRule.ExpiredMtime.UtcDateTime;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replicate_RealDiffThenVaduzEdits_DirtiesExactlyTheCoveredMetatiles_HotOnesChange_OthersKeepTheirETags()
    {
        await using var db = await ScratchDatabase.CreateAsync(Cancel);
        await using var reference = await ScratchDatabase.CreateAsync(Cancel);
        await using var cluster = await TestCluster.StartAsync(2, new Dictionary<string, string>
        {
            ["TILECLUSTER_Database__ConnectionString"] = db.ConnectionString,
            ["TILECLUSTER_Admin__Token"] = Token,
            ["TILECLUSTER_Freshness__HotMaxZoom"] = "16",
            ["TILECLUSTER_Freshness__DirtyWaitBudget"] = "00:00:00",
        });

        // Stored: a 3 x 3 block of metatiles around central Vaduz at every zoom 12..17.
        var vaduz = TileCoord.Create(17, 69002, 46026);
        var stored = new List<MetatileCoord>();
        for (int z = 12; z <= 17; z++)
        {
            var centre = MetatileCoord.Containing(TileCoord.Create(z, vaduz.X >> (17 - z), vaduz.Y >> (17 - z)));
            for (int dx = -1; dx <= 1; dx++)
            {
                for (int dy = -1; dy <= 1; dy++)
                {
                    if (MetatileCoord.TryCreate(z, centre.X + (dx * MetatileCoord.Size), centre.Y + (dy * MetatileCoord.Size), out var m, out _) && !stored.Contains(m))
                    {
                        stored.Add(m);
                    }
                }
            }
        }

        await Task.WhenAll(stored.Select(m => GetAsync(cluster, m.TileAt(0, 0))));
        var before = await SnapshotAsync(cluster, stored);
        var hotTile = TileCoord.Create(16, 34501, 23013);
        string hotEtagBefore = (await GetAsync(cluster, hotTile)).ETag;
        using var replication = ReplicationDirectory.Create(ReplicationDirectory.FirstSequence);

        // 1. The real planet diff: nothing in Liechtenstein changes, so nothing stored is touched.
        await ReplicateOnceAsync(cluster, db, replication);
        Assert.Equal(ReplicationDirectory.FirstSequence, ReplicationDirectory.ReadState(replication.StateFile).Sequence);
        var first = ExpireList.Parse(await Osm2pgsql.AppendAsync(reference.ConnectionString, replication.ChangeFile(ReplicationDirectory.FirstSequence), 18, 18, Cancel));
        Assert.NotEmpty(first.Tiles);
        Assert.DoesNotContain(stored, m => first.Tiles.Any(t => ExpectedCoverage.Overlaps(t, m, 10, 18)));
        Assert.Equal(before, await SnapshotAsync(cluster, stored));

        // 2. The Vaduz edits, published as the next sequence.
        replication.PublishNext();
        await ReplicateOnceAsync(cluster, db, replication);
        Assert.Equal(ReplicationDirectory.FixtureSequence, ReplicationDirectory.ReadState(replication.StateFile).Sequence);
        var second = ExpireList.Parse(await Osm2pgsql.AppendAsync(reference.ConnectionString, replication.ChangeFile(ReplicationDirectory.FixtureSequence), 18, 18, Cancel));
        var covered = stored.Where(m => second.Tiles.Any(t => ExpectedCoverage.Overlaps(t, m, 10, 18))).ToHashSet();
        Assert.Contains(covered, m => m.Z <= 16);
        Assert.Contains(covered, m => m.Z == 17);
        Assert.Contains(stored, m => !covered.Contains(m) && m.Z >= 15);

        // Read the marks before any request could re-render a cold one.
        foreach (var metatile in stored)
        {
            var mtime = File.GetLastWriteTimeUtc(PathOf(cluster, metatile));
            if (covered.Contains(metatile) && metatile.Z == 17)
            {
                Assert.True(mtime == ExpiredMtime, $"{metatile} is covered at a cold zoom: it should be dirty, mtime {mtime:o}");
            }
            else if (covered.Contains(metatile))
            {
                Assert.True(mtime > before[metatile].Mtime, $"{metatile} is covered at a hot zoom: it should have been re-rendered (mtime {mtime:o})");
            }
            else
            {
                Assert.True(mtime == before[metatile].Mtime, $"{metatile} is not covered, but its mtime moved to {mtime:o}");
            }
        }

        // The hot tile over the edits changed without anyone asking for it.
        Assert.Contains(MetatileCoord.Containing(hotTile), covered);
        var (hotEtag, hotMaxAge) = await GetAsync(cluster, hotTile);
        Assert.NotEqual(hotEtagBefore, hotEtag);
        Assert.NotEqual(TimeSpan.FromSeconds(60), hotMaxAge);

        // Untouched tiles keep their ETags.
        foreach (var metatile in stored.Where(m => !covered.Contains(m)))
        {
            Assert.Equal(before[metatile].ETag, (await GetAsync(cluster, metatile.TileAt(0, 0))).ETag);
        }

        // The cold tile over the edits is served stale first, briefly cacheable, then fresh and different.
        var (staleEtag, staleMaxAge) = await GetAsync(cluster, vaduz);
        Assert.Equal(TimeSpan.FromSeconds(60), staleMaxAge);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        (string ETag, TimeSpan? MaxAge) fresh;
        do
        {
            await Task.Delay(200, Cancel);
            fresh = await GetAsync(cluster, vaduz);
        }
        while (fresh.MaxAge == TimeSpan.FromSeconds(60) && DateTime.UtcNow < deadline);

        Assert.Equal(TimeSpan.FromHours(2), fresh.MaxAge);
        Assert.NotEqual(staleEtag, fresh.ETag);
    }

    private static async Task ReplicateOnceAsync(TestCluster cluster, ScratchDatabase db, ReplicationDirectory replication)
    {
        await using var run = await CliProcess.RunAsync(
            [
                "replicate",
                "--source", replication.Source,
                "--state", replication.StateFile,
                "--start-sequence", (ReplicationDirectory.FirstSequence - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--work-dir", replication.WorkDir,
                "--database", db.ConnectionString,
                "--expire-zooms", "18",
                "--gateway", cluster.BaseAddress.ToString(),
                "--token", Token,
                "--once",
            ],
            TimeSpan.FromMinutes(5));
        TestContext.Current.TestOutputHelper?.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, $"tilecluster replicate exited {run.ExitCode}:\n{run.Output}");
    }

    /// <summary>A tile as a client that honours <c>Retry-After</c> gets it (54 cold metatiles at once can outlast one request's budget).</summary>
    private static async Task<(string ETag, TimeSpan? MaxAge)> GetAsync(TestCluster cluster, TileCoord tile)
    {
        var response = await cluster.Client.GetAsync(new Uri($"/osm/{tile}.png", UriKind.Relative), Cancel);
        for (int attempt = 1; attempt < 3 && response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } wait; attempt++)
        {
            response.Dispose();
            await Task.Delay(wait, Cancel);
            response = await cluster.Client.GetAsync(new Uri($"/osm/{tile}.png", UriKind.Relative), Cancel);
        }

        using var answer = response;
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{tile}: {answer.StatusCode} {await answer.Content.ReadAsStringAsync(Cancel)}\n{string.Join("\n", cluster.Silos.Select(s => s.Output))}");
        return (answer.Headers.ETag!.Tag, answer.Headers.CacheControl?.MaxAge);
    }

    private static async Task<Dictionary<MetatileCoord, (DateTime Mtime, string ETag)>> SnapshotAsync(TestCluster cluster, List<MetatileCoord> stored)
    {
        var snapshot = new Dictionary<MetatileCoord, (DateTime, string)>();
        foreach (var metatile in stored)
        {
            snapshot[metatile] = (File.GetLastWriteTimeUtc(PathOf(cluster, metatile)), (await GetAsync(cluster, metatile.TileAt(0, 0))).ETag);
        }

        return snapshot;
    }

    private static string PathOf(TestCluster cluster, MetatileCoord metatile) => Path.Combine(cluster.StoreRoot, MetaPath.Relative("osm", metatile));
}
