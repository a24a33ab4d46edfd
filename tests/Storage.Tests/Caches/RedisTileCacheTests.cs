using StackExchange.Redis;
using TileCluster.Tests.Shared;

namespace TileCluster.Storage.Tests.Caches;

/// <summary>The redis tier against a real redis-server: sharing, the byte budget, the TTL, expiries.</summary>
public sealed class RedisTileCacheTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _redis = await RedisServer.StartAsync();

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    private Dictionary<string, string?> Settings(string megabytes = "16", string ttl = "00:10:00") => new()
    {
        ["Cache:Chains:default:0:Kind"] = "redis",
        ["Cache:Chains:default:0:Connection"] = _redis.ConnectionString,
        ["Cache:Chains:default:0:KeyPrefix"] = "t1:",
        ["Cache:Chains:default:0:Megabytes"] = megabytes,
        ["Cache:Chains:default:0:Ttl"] = ttl,
        ["Cache:Chains:default:0:Timeout"] = "00:00:02",
    };

    [Fact]
    public async Task Get_TileAnotherGatewayWrote_IsAHitWithItsBytesAndValidators()
    {
        await using var writer = CacheHost.Start(Settings());
        await using var reader = CacheHost.Start(Settings());
        var key = CacheHost.Key(14, 8625, 5753);
        var tile = new Storage.Caches.CachedTile([0, 13, 10, 255, 1, 2], "\"abc\"", new DateTimeOffset(2026, 11, 30, 9, 15, 42, TimeSpan.Zero));

        Assert.Null(await reader.Chain.GetAsync(key, Cancel));
        await writer.Chain.SetAsync(key, tile, Cancel);
        var hit = await reader.Chain.GetAsync(key, Cancel);

        Assert.NotNull(hit);
        Assert.Equal(tile.Bytes, hit.Bytes);
        Assert.Equal("\"abc\"", hit.ETag);
        Assert.Equal(tile.LastModified, hit.LastModified);
        Assert.Equal((1, 1), (reader.Chain.Status()[0].Hits, reader.Chain.Status()[0].Misses));
    }

    [Fact]
    public async Task Set_BeyondBudget_DropsOldestAndKeepsAccountedBytesWithinBudget()
    {
        await using var host = CacheHost.Start(Settings(megabytes: "1"));
        for (int i = 0; i < 60; i++)
        {
            await host.Chain.SetAsync(CacheHost.Key(16, i, 0), CacheHost.Tile(50_000), Cancel);
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var db = redis.GetDatabase();
        long accounted = (long)await db.StringGetAsync("t1:bytes");
        long stored = 0;
        await foreach (var key in redis.GetServer(redis.GetEndPoints()[0]).KeysAsync(pattern: "t1:t:*"))
        {
            stored += await db.StringLengthAsync(key);
        }

        Assert.InRange(accounted, 1024 * 1024 - 50_100, 1024 * 1024);
        Assert.Equal(stored, accounted);
        Assert.Null(await host.Chain.GetAsync(CacheHost.Key(16, 0, 0), Cancel));
        Assert.NotNull(await host.Chain.GetAsync(CacheHost.Key(16, 59, 0), Cancel));
    }

    [Fact]
    public async Task Set_GivesTheTileTheTiersTtl()
    {
        await using var host = CacheHost.Start(Settings(ttl: "00:05:00"));
        var key = CacheHost.Key(12, 2150, 1438);
        await host.Chain.SetAsync(key, CacheHost.Tile(10), Cancel);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync("t1:t:" + key.SharedId());
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Remove_ExpiredMetatiles_DropsExactlyTheirTilesAndTheirBytes()
    {
        await using var host = CacheHost.Start(Settings());
        var inside = new[] { CacheHost.Key(15, 17248, 11504), CacheHost.Key(15, 17255, 11511) };
        var outside = new[] { CacheHost.Key(15, 17256, 11504), CacheHost.Key(15, 17248, 11504, scale: 2), CacheHost.Key(15, 17248, 11504, style: "osm2") };
        foreach (var key in inside.Concat(outside))
        {
            await host.Chain.SetAsync(key, CacheHost.Tile(1000), Cancel);
        }

        await host.Chain.RemoveAsync(CacheHost.Expiry(15, 17248, 11504), Cancel);

        foreach (var key in inside)
        {
            Assert.Null(await host.Chain.GetAsync(key, Cancel));
        }

        foreach (var key in outside)
        {
            Assert.NotNull(await host.Chain.GetAsync(key, Cancel));
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        Assert.Equal(3 * 1000 + 3 * (1 + 8 + 2 + "\"7-1000\"".Length), (long)await redis.GetDatabase().StringGetAsync("t1:bytes"));
    }
}
