namespace TileCluster.Storage.Tests.Caches;

/// <summary>Per-layer chains: a layer's tiles pass through the chain its <c>Cache</c> key names, and expiries reach that chain.</summary>
public sealed class TileCachesTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Cache:Chains:default:0:Kind"] = "memory",
        ["Cache:Chains:shared:0:Kind"] = "memory",
        ["Cache:Chains:shared:0:Megabytes"] = "8",
        ["Layers:topo:Cache"] = "shared",
        ["Layers:osm:Cache"] = "default",
    };

    [Fact]
    public async Task For_LayerNamingAChain_KeepsItsTilesApartFromTheDefaultChain()
    {
        await using var host = CacheHost.Start(Settings());
        var topo = CacheHost.Key(12, 2150, 1437, style: "topo");
        var osm = CacheHost.Key(12, 2150, 1437, style: "osm");

        await host.Caches.For("topo").SetAsync(topo, CacheHost.Tile(100), Cancel);
        await host.Caches.For("osm").SetAsync(osm, CacheHost.Tile(200), Cancel);

        Assert.NotSame(host.Caches.For("topo"), host.Caches.For("osm"));
        Assert.Same(host.Caches.For("osm"), host.Caches.For("unlisted"));
        Assert.Null(await host.Caches.For("osm").GetAsync(topo, Cancel));
        Assert.Equal(100, (await host.Caches.For("topo").GetAsync(topo, Cancel))!.Bytes.Length);
        var status = host.Caches.Status();
        Assert.Equal(["default", "shared"], status.Select(t => t.Chain));
        Assert.Equal([1, 1], status.Select(t => t.Entries!.Value));
    }

    [Fact]
    public async Task RemoveAsync_ExpiryOfALayer_ReachesTheChainItUses()
    {
        await using var host = CacheHost.Start(Settings());
        var topo = CacheHost.Key(12, 2150, 1437, style: "topo");
        await host.Caches.For("topo").SetAsync(topo, CacheHost.Tile(100), Cancel);

        await host.Caches.RemoveAsync(CacheHost.Expiry(12, 2150, 1437, style: "topo"), Cancel);

        Assert.Null(await host.Caches.For("topo").GetAsync(topo, Cancel));
    }
}
