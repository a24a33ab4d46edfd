using System.Net;
using System.Text.Json;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Storage;

namespace TileCluster.Gateway.Tests.Freshness;

/// <summary>
/// What an expiry does to stored metatiles: exactly the ones the list covers turn dirty (mod_tile's
/// mtime mark), hot zooms re-render without a request, the rest are served stale briefly.
/// </summary>
public sealed class DirtyPolicyTests(ExpireFixture fixture) : IClassFixture<ExpireFixture>
{
    private static readonly DateTime ExpiredMtime = DirtyRule.ExpiredMtime.UtcDateTime;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Expire_MarksExactlyTheCoveredStoredMetatiles_HotOnesReRenderAtOnce_OthersServeStaleBriefly()
    {
        // Stored: at z12..z17, the metatile over Vaduz and its east neighbour (scale 1 only).
        var vaduz = TileCoord.Create(17, 69002, 46026);
        var stored = new List<MetatileCoord>();
        for (int z = 12; z <= 17; z++)
        {
            var centre = MetatileCoord.Containing(TileCoord.Create(z, vaduz.X >> (17 - z), vaduz.Y >> (17 - z)));
            stored.Add(centre);
            stored.Add(MetatileCoord.Containing(TileCoord.Create(z, centre.X + MetatileCoord.Size, centre.Y)));
        }

        var etags = new Dictionary<MetatileCoord, string>();
        foreach (var metatile in stored)
        {
            using var response = await fixture.Client.GetAsync(new Uri($"/osm/{metatile.TileAt(0, 0)}.png", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            etags[metatile] = response.Headers.ETag!.Tag;
        }

        // Ask the z17 tile twice so the gateway's hot cache holds it.
        for (int i = 0; i < 2; i++)
        {
            using var cached = await fixture.Client.GetAsync(new Uri($"/osm/{vaduz}.png", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        // Tests of this class share the cluster: a dirty tile another one left behind (served stale)
        // may still be re-rendering. Let that finish before taking mtimes and the render count.
        await fixture.Cluster.WaitForIdleAsync();
        var mtimes = stored.ToDictionary(m => m, m => File.GetLastWriteTimeUtc(PathOf(m)));
        string[] lines = ["17/69002/46026", "18/138005/92053", "15/100/100", "16/34501/23013"];
        long rendersBefore = await fixture.Cluster.RendersAsync();

        using var reply = await fixture.ExpireAsync(string.Join('\n', lines) + "\n", "?wait=hot");
        string text = await reply.Content.ReadAsStringAsync(Cancel);
        Assert.True(reply.StatusCode == HttpStatusCode.OK, text);
        using var report = JsonDocument.Parse(text);

        // Independent of the expansion code: a stored metatile is covered when, at its zoom, the
        // area of some line (its parent below the line's zoom, its tiles above) overlaps it.
        var covered = stored.Where(m => lines.Select(Parse).Any(t => ExpectedCoverage.Overlaps(t, m, 10, 18))).ToHashSet();
        Assert.NotEmpty(covered);
        Assert.NotEqual(stored.Count, covered.Count);

        var hot = covered.Where(m => m.Z <= 14).ToHashSet();
        var cold = covered.Where(m => m.Z > 14).ToHashSet();
        Assert.Equal(covered.Count, report.RootElement.GetProperty("dirtied").GetInt64());
        Assert.Equal(hot.Count, report.RootElement.GetProperty("hotRefreshing").GetInt64());
        Assert.Equal(hot.Count, report.RootElement.GetProperty("hotRendered").GetInt64());
        Assert.True(report.RootElement.GetProperty("hotRenderedMs").GetDouble() > 0);

        foreach (var metatile in stored)
        {
            var now = File.GetLastWriteTimeUtc(PathOf(metatile));
            if (cold.Contains(metatile))
            {
                Assert.True(now == ExpiredMtime, $"{metatile} should be dirty (mtime {now:o})");
            }
            else if (hot.Contains(metatile))
            {
                Assert.True(now > mtimes[metatile], $"{metatile} should have been re-rendered (mtime {now:o}, was {mtimes[metatile]:o})");
            }
            else
            {
                Assert.True(now == mtimes[metatile], $"{metatile} was not covered but its mtime moved to {now:o}");
            }
        }

        // Hot zooms were re-rendered by the expiry alone; nothing else was.
        Assert.Equal(rendersBefore + hot.Count, await fixture.Cluster.RendersAsync());

        // Operators see it on the status page: marks and re-renders per silo.
        var silos = await fixture.Cluster.SiloStatusAsync();
        Assert.True(silos.Sum(silo => silo.GetProperty("freshness").GetProperty("dirtied").GetInt64()) >= covered.Count);
        Assert.True(silos.Sum(silo => silo.GetProperty("freshness").GetProperty("refreshed").GetInt64()) >= hot.Count);

        // An untouched tile keeps its ETag and its long max-age.
        var untouched = stored.First(m => !covered.Contains(m) && m.Z == 17);
        using (var response = await fixture.Client.GetAsync(new Uri($"/osm/{untouched.TileAt(0, 0)}.png", UriKind.Relative), Cancel))
        {
            Assert.Equal(etags[untouched], response.Headers.ETag!.Tag);
            Assert.Equal(TimeSpan.FromHours(2), response.Headers.CacheControl!.MaxAge);
        }

        // The dirty z17 tile was in the gateway's hot cache: it must now come back stale, with the
        // short max-age and stale-while-revalidate, not as the cached fresh copy.
        using (var response = await fixture.Client.GetAsync(new Uri($"/osm/{vaduz}.png", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.CacheControl!.MaxAge);
            Assert.Contains("stale-while-revalidate=60", response.Headers.CacheControl.ToString());
        }

        // That request queued the re-render: soon the tile is fresh again, with its long max-age.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        TimeSpan? maxAge;
        do
        {
            await Task.Delay(200, Cancel);
            using var response = await fixture.Client.GetAsync(new Uri($"/osm/{vaduz}.png", UriKind.Relative), Cancel);
            maxAge = response.Headers.CacheControl!.MaxAge;
        }
        while (maxAge == TimeSpan.FromSeconds(60) && DateTime.UtcNow < deadline);

        Assert.Equal(TimeSpan.FromHours(2), maxAge);
        Assert.True(File.GetLastWriteTimeUtc(PathOf(MetatileCoord.Containing(vaduz))) > ExpiredMtime);
    }

    [Fact]
    public async Task DirtyMark_LivesInTheStore_SoRestartsAndRenderExpiredAgree()
    {
        var tile = TileCoord.Create(16, 34496, 23040);
        using (var first = await fixture.Client.GetAsync(new Uri($"/osm/{tile}.png", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // What Debian's render_expired --touch-from does (mod_tile 0.6.1: the mtime moves 20 years
        // back), with no TileCluster process involved: the silos keep no dirty state in memory,
        // so this is also what a restarted silo finds.
        string file = PathOf(MetatileCoord.Containing(tile));
        File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(file).AddYears(-20));

        // Another tile of the metatile (the first one sits in the gateway's hot cache until its TTL).
        using var response = await fixture.Client.GetAsync(new Uri($"/osm/16/34497/23041.png", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), response.Headers.CacheControl!.MaxAge);
    }

    [Fact]
    public async Task Expire_ThroughOneGateway_StopsTheOthersServingTheirCachedCopyAsFresh()
    {
        var other = await fixture.Cluster.AddGatewayAsync();
        var tile = TileCoord.Create(17, 69010, 46030);
        foreach (var client in new[] { fixture.Client, other.Client, other.Client })
        {
            using var response = await client.GetAsync(new Uri($"/osm/{tile}.png", UriKind.Relative), Cancel);
            Assert.Equal(TimeSpan.FromHours(2), response.Headers.CacheControl!.MaxAge);
        }

        using (var reply = await fixture.ExpireAsync($"{tile}\n", "?minZoom=17&maxZoom=17"))
        {
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        }

        // The notification travels through PostgreSQL: give it a moment, without a fixed sleep.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        TimeSpan? maxAge;
        do
        {
            using var response = await other.Client.GetAsync(new Uri($"/osm/{tile}.png", UriKind.Relative), Cancel);
            maxAge = response.Headers.CacheControl!.MaxAge;
        }
        while (maxAge != TimeSpan.FromSeconds(60) && DateTime.UtcNow < deadline && await Delay());

        Assert.Equal(TimeSpan.FromSeconds(60), maxAge);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(50, Cancel);
        return true;
    }

    private string PathOf(MetatileCoord metatile) => Path.Combine(fixture.Cluster.StoreRoot, MetaPath.Relative("osm", metatile));

    private static TileCoord Parse(string line)
    {
        int[] p = [.. line.Split('/').Select(int.Parse)];
        return TileCoord.Create(p[0], p[1], p[2]);
    }
}
