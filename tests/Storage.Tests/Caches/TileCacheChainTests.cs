using TileCluster.Tests.Shared;

namespace TileCluster.Storage.Tests.Caches;

/// <summary>
/// A chain of tiers (memory, then a shared one) against real servers: a hit in the shared tier
/// fills memory, an expiry reaches both, and a shared tier that goes away is passed by.
/// </summary>
public sealed class TileCacheChainTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_HitInRedis_FillsMemory()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var gatewayA = CacheHost.Start(MemoryThen("redis", redis.ConnectionString));
        await using var gatewayB = CacheHost.Start(MemoryThen("redis", redis.ConnectionString));
        var key = CacheHost.Key(13, 4312, 2876);
        await gatewayA.Chain.SetAsync(key, CacheHost.Tile(500), Cancel);

        Assert.NotNull(await gatewayB.Chain.GetAsync(key, Cancel));
        Assert.NotNull(await gatewayB.Chain.GetAsync(key, Cancel));

        var (memory, shared) = (gatewayB.Chain.Status()[0], gatewayB.Chain.Status()[1]);
        Assert.Equal((1, 1, 1), (memory.Hits, memory.Misses, memory.Entries!.Value));
        Assert.Equal((1, 0), (shared.Hits, shared.Misses));
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("memcached")]
    public async Task Remove_Expiry_ReachesEveryTier(string kind)
    {
        await using var redis = kind == "redis" ? await RedisServer.StartAsync() : null;
        await using var memcached = kind == "memcached" ? await MemcachedServer.StartAsync() : null;
        string connection = redis?.ConnectionString ?? memcached!.Connection;
        await using var gatewayA = CacheHost.Start(MemoryThen(kind, connection));
        await using var gatewayB = CacheHost.Start(MemoryThen(kind, connection));
        var expired = CacheHost.Key(17, 68999, 46007);
        var kept = CacheHost.Key(17, 69000, 46007);
        await gatewayA.Chain.SetAsync(expired, CacheHost.Tile(300), Cancel);
        await gatewayA.Chain.SetAsync(kept, CacheHost.Tile(300), Cancel);

        await gatewayA.Chain.RemoveAsync(CacheHost.Expiry(17, 68999, 46007), Cancel);

        Assert.Null(await gatewayA.Chain.GetAsync(expired, Cancel));
        Assert.Null(await gatewayB.Chain.GetAsync(expired, Cancel));
        Assert.NotNull(await gatewayB.Chain.GetAsync(kept, Cancel));
        Assert.Equal(1, gatewayB.Chain.Status()[1].Hits);
    }

    [Theory]
    [InlineData("redis")]
    [InlineData("memcached")]
    public async Task SharedTierStopped_ChainNeverThrows_FailuresCountedThenSkipped(string kind)
    {
        await using var redis = kind == "redis" ? await RedisServer.StartAsync() : null;
        await using var memcached = kind == "memcached" ? await MemcachedServer.StartAsync() : null;
        string connection = redis?.ConnectionString ?? memcached!.Connection;
        var settings = MemoryThen(kind, connection);
        settings["Cache:Chains:default:0:Kind"] = "none";
        await using var host = CacheHost.Start(settings);
        var key = CacheHost.Key(12, 2150, 1438);
        await host.Chain.SetAsync(key, CacheHost.Tile(200), Cancel);
        Assert.NotNull(await host.Chain.GetAsync(key, Cancel));

        await (redis is not null ? redis.StopAsync() : memcached!.StopAsync());
        for (int i = 0; i < 20; i++)
        {
            Assert.Null(await host.Chain.GetAsync(CacheHost.Key(12, 2150, 1438 + i), Cancel));
            await host.Chain.SetAsync(key, CacheHost.Tile(200), Cancel);
        }

        await host.Chain.RemoveAsync(CacheHost.Expiry(12, 2150, 1438), Cancel);
        var status = host.Chain.Status()[0];
        Assert.True(status.Errors > 0, "no call failed");
        Assert.True(status.Skipped > 0, "the circuit never opened");
        Assert.True(status.Open);
    }

    private static Dictionary<string, string?> MemoryThen(string kind, string connection) => new()
    {
        ["Cache:Chains:default:0:Kind"] = "memory",
        ["Cache:Chains:default:1:Kind"] = kind,
        ["Cache:Chains:default:1:Connection"] = connection,
        ["Cache:Chains:default:1:KeyPrefix"] = "chain:",
        ["Cache:Chains:default:1:Timeout"] = "00:00:05",
        ["Cache:Chains:default:1:BreakDuration"] = "00:01:00",
    };
}
