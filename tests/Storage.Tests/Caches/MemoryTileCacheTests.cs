using Microsoft.Extensions.Time.Testing;

namespace TileCluster.Storage.Tests.Caches;

/// <summary>The memory tier: its byte budget, its TTL and expiries.</summary>
public sealed class MemoryTileCacheTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_AfterTtl_Misses()
    {
        var time = new FakeTimeProvider();
        await using var host = CacheHost.Start(new Dictionary<string, string?> { ["Cache:Chains:default:0:Kind"] = "memory", ["Cache:Chains:default:0:Ttl"] = "00:01:00" }, time);
        var key = CacheHost.Key(14, 8625, 5753);
        await host.Chain.SetAsync(key, CacheHost.Tile(100), Cancel);

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await host.Chain.GetAsync(key, Cancel));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await host.Chain.GetAsync(key, Cancel));
        Assert.Equal(0, host.Chain.Status()[0].Entries);
    }

    [Fact]
    public async Task Set_BeyondBudget_KeepsWithinBudgetAndKeepsTilesInUse()
    {
        await using var host = CacheHost.Start(new Dictionary<string, string?> { ["Cache:Chains:default:0:Kind"] = "memory", ["Cache:Chains:default:0:Megabytes"] = "1" });
        var hot = CacheHost.Key(14, 0, 0);
        await host.Chain.SetAsync(hot, CacheHost.Tile(20_000), Cancel);
        for (int i = 1; i <= 200; i++)
        {
            // The hot tile is asked for all along: CLOCK gives it a second chance each time the sweep passes.
            Assert.NotNull(await host.Chain.GetAsync(hot, Cancel));
            await host.Chain.SetAsync(CacheHost.Key(14, i, 0), CacheHost.Tile(20_000), Cancel);
        }

        var status = host.Chain.Status()[0];
        Assert.InRange(status.Bytes!.Value, 1, 1024 * 1024);
        Assert.InRange(status.Entries!.Value, 40, 52);
        Assert.NotNull(await host.Chain.GetAsync(hot, Cancel));
        Assert.Null(await host.Chain.GetAsync(CacheHost.Key(14, 1, 0), Cancel));
    }

    [Fact]
    public async Task Remove_ExpiredMetatile_DropsItsTilesAtThatScaleOnly()
    {
        await using var host = CacheHost.Start(new Dictionary<string, string?>());
        var inside = CacheHost.Key(14, 8631, 5759);
        var otherScale = CacheHost.Key(14, 8631, 5759, scale: 2);
        var neighbour = CacheHost.Key(14, 8632, 5759);
        foreach (var key in new[] { inside, otherScale, neighbour })
        {
            await host.Chain.SetAsync(key, CacheHost.Tile(100), Cancel);
        }

        await host.Chain.RemoveAsync(CacheHost.Expiry(14, 8624, 5752), Cancel);

        Assert.Null(await host.Chain.GetAsync(inside, Cancel));
        Assert.NotNull(await host.Chain.GetAsync(otherScale, Cancel));
        Assert.NotNull(await host.Chain.GetAsync(neighbour, Cancel));
    }

    [Fact]
    public async Task NoneTier_CachesNothing()
    {
        await using var host = CacheHost.Start(new Dictionary<string, string?> { ["Cache:Chains:default:0:Kind"] = "none" });
        var key = CacheHost.Key(10, 1, 1);
        await host.Chain.SetAsync(key, CacheHost.Tile(100), Cancel);
        Assert.Null(await host.Chain.GetAsync(key, Cancel));
        Assert.Empty(host.Chain.Status());
    }
}
