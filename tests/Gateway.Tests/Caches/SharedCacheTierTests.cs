using System.Globalization;
using System.Net;
using System.Text.Json;
using TileCluster.Gateway.Tests.Cluster;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Tests.Shared;
using static TileCluster.Gateway.Tests.Cluster.ClusterRequests;

namespace TileCluster.Gateway.Tests.Caches;

/// <summary>
/// Two gateways with a shared cache tier (a Redis or a memcached of the test's own) and no memory
/// tier: a tile one gateway fetched is a hit in the shared tier for the other, with no render and
/// the same bytes; and when the shared server stops under traffic, every request is still served
/// (from the grains), then the tier is used again once the server is back.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class SharedCacheTierTests
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory(Timeout = 400_000)]
    [InlineData("redis")]
    [InlineData("memcached")]
    public async Task SharedTier_HitAcrossGateways_AndServerStoppedUnderTraffic_EveryRequestServed(string kind)
    {
        await using var redis = kind == "redis" ? await RedisServer.StartAsync() : null;
        await using var memcached = kind == "memcached" ? await MemcachedServer.StartAsync() : null;
        var environment = new Dictionary<string, string>
        {
            // Index 0 (the file's memory tier) off, so every request reaches the shared tier.
            ["TILECLUSTER_Cache__Chains__default__0__Kind"] = "none",
            ["TILECLUSTER_Cache__Chains__default__1__Kind"] = kind,
            ["TILECLUSTER_Cache__Chains__default__1__Connection"] = redis?.ConnectionString ?? memcached!.Connection,
            ["TILECLUSTER_Cache__Chains__default__1__BreakDuration"] = "00:00:02",
        };
        await using var cluster = await TestCluster.StartAsync(silos: 1, environment);
        var gatewayB = await cluster.AddGatewayAsync();

        var cached = MetatilePaths(6);
        await AssertAllServedAsync(cluster, cached);
        long renders = await cluster.RendersAsync();
        foreach (string path in cached)
        {
            var fromA = await cluster.Client.GetByteArrayAsync(new Uri(path, UriKind.Relative), Cancel);
            var fromB = await gatewayB.Client.GetByteArrayAsync(new Uri(path, UriKind.Relative), Cancel);
            Assert.Equal(fromA, fromB);
        }

        var shared = await SharedTierAsync(gatewayB);
        Assert.Equal(cached.Count, shared.GetProperty("hits").GetInt64());
        Assert.Equal(0, shared.GetProperty("misses").GetInt64());
        Assert.Equal(renders, await cluster.RendersAsync());

        // Tiles of the same (stored) metatiles that no gateway asked for yet: misses in the shared tier.
        var storedOnly = cached.Select(p => p.Replace(".png", string.Empty, StringComparison.Ordinal).Split('/')).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"/osm/{p[2]}/{int.Parse(p[3], CultureInfo.InvariantCulture) + 2}/{int.Parse(p[4], CultureInfo.InvariantCulture) + 3}.png")).ToList();
        await using var load = new LoadLoop(gatewayB.Client.BaseAddress!, [.. cached, .. storedOnly]);
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
        double stoppedAt = load.Now;
        await (redis is not null ? redis.StopAsync() : memcached!.StopAsync());
        await Task.Delay(TimeSpan.FromSeconds(6), Cancel);
        double restartedAt = load.Now;
        await (redis is not null ? redis.RestartAsync() : memcached!.RestartAsync());
        await Task.Delay(TimeSpan.FromSeconds(2), Cancel);
        await load.StopAsync();

        var during = load.Samples.Where(s => s.Started >= stoppedAt && s.Started < restartedAt).ToList();
        var outage = await SharedTierAsync(gatewayB);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind} down {restartedAt - stoppedAt:F1} s: {during.Count} requests, {during.Count(s => !s.Ok)} failed; tier on gateway B: {outage}"));
        Assert.True(during.Count > 0, "no load while the shared tier was down");
        Assert.All(load.Samples, s => Assert.True(s.Ok, $"a request failed at {s.Started - stoppedAt:F1} s after the stop: {s.Status?.ToString() ?? s.Error}"));
        Assert.True(outage.GetProperty("errors").GetInt64() + outage.GetProperty("skipped").GetInt64() > 0, $"the tier never failed while its server was down: {outage}");

        // The server is back (empty, for memcached): a tile gateway A writes is a hit for gateway B again.
        var deadline = DateTime.UtcNow + RecoveryLimit;
        long hitsBefore = outage.GetProperty("hits").GetInt64();
        while ((await SharedTierAsync(gatewayB)).GetProperty("hits").GetInt64() <= hitsBefore)
        {
            Assert.True(DateTime.UtcNow < deadline, $"gateway B saw no hit in the {kind} tier {RecoveryLimit.TotalSeconds} s after it came back");
            await cluster.Client.GetByteArrayAsync(new Uri(storedOnly[0], UriKind.Relative), Cancel);
            await gatewayB.Client.GetByteArrayAsync(new Uri(storedOnly[0], UriKind.Relative), Cancel);
            await Task.Delay(500, Cancel);
        }
    }

    [Theory(Timeout = 300_000)]
    [InlineData("redis")]
    [InlineData("memcached")]
    public async Task ExpireListPostedToOneGateway_RemovesTheTilesFromTheSharedTier_ForTheOther(string kind)
    {
        const string token = "cache-tier-test-token";
        await using var redis = kind == "redis" ? await RedisServer.StartAsync() : null;
        await using var memcached = kind == "memcached" ? await MemcachedServer.StartAsync() : null;
        var environment = new Dictionary<string, string>
        {
            ["TILECLUSTER_Admin__Token"] = token,
            ["TILECLUSTER_Cache__Chains__default__0__Kind"] = "none",
            ["TILECLUSTER_Cache__Chains__default__1__Kind"] = kind,
            ["TILECLUSTER_Cache__Chains__default__1__Connection"] = redis?.ConnectionString ?? memcached!.Connection,
        };
        await using var cluster = await TestCluster.StartAsync(silos: 1, environment);
        var gatewayB = await cluster.AddGatewayAsync();
        const string expired = "/osm/16/34470/23022.png", kept = "/osm/16/34480/23022.png";
        await AssertAllServedAsync(cluster, [expired, kept]);
        await AssertAllServedAsync(gatewayB.Client, [expired, kept]);
        Assert.Equal(2, (await SharedTierAsync(gatewayB)).GetProperty("hits").GetInt64());

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/admin/expire?minZoom=16&maxZoom=16", UriKind.Relative)) { Content = new StringContent("16/34470/23022\n") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var expire = await cluster.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, expire.StatusCode);

        await AssertAllServedAsync(gatewayB.Client, [expired, kept]);
        var tier = await SharedTierAsync(gatewayB);
        Assert.Equal(3, tier.GetProperty("hits").GetInt64());
        Assert.Equal(1, tier.GetProperty("misses").GetInt64());
    }

    private static async Task<JsonElement> SharedTierAsync(NodeProcess gateway)
    {
        using var status = JsonDocument.Parse(await gateway.Client.GetStringAsync(new Uri("/status.json", UriKind.Relative), Cancel));
        var tiers = status.RootElement.GetProperty("gateway").GetProperty("cacheTiers");
        Assert.Equal(1, tiers.GetArrayLength());
        return tiers[0].Clone();
    }
}
