using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Placement;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Grains.Metatiles;
using TileCluster.Storage;

namespace TileCluster.Grains.Tests.Metatiles;

/// <summary>The metatile grain on a real (in-process) Orleans cluster, rendering from the test PostGIS.</summary>
public sealed class MetatileGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetTile_500ConcurrentCallers_RenderOnce()
    {
        var metatile = MetatileCoord.Containing(TileCoord.Create(15, 17256, 11512));
        var grain = fixture.Client.GetMetatileGrain(new MetatileKey("osm", 1, metatile));
        long before = fixture.Renders;

        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => grain.GetTileAsync(metatile.TileAt(i % 8, i / 8 % 8), Cancel)));

        Assert.All(results, r => Assert.Equal(TileStatus.Ok, r.Status));
        Assert.All(results, r => Assert.True(r.Bytes.Length > 100));
        Assert.Equal(1, fixture.Renders - before);

        // Callers of the same tile got the same bytes: one render, shared.
        Assert.All(results.Select((r, i) => (Tile: i % 64, r.ETag)).GroupBy(x => x.Tile), g => Assert.Single(g.Select(x => x.ETag).Distinct()));
    }

    [Fact]
    public async Task GetTile_AfterACallerGaveUpMidRender_AndTheMetatileWasDeleted_RendersAndStoresItAgain()
    {
        var key = new MetatileKey("osm", 1, MetatileCoord.Containing(TileCoord.Create(12, 2152, 1432)));
        var grain = fixture.Client.GetMetatileGrain(key);
        var tile = key.Metatile.TileAt(0, 0);
        var store = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<ITileStore>();

        // A caller (the gateway's attempt timeout) gives up while the render runs; the render goes on and stores.
        using (var quit = CancellationTokenSource.CreateLinkedTokenSource(Cancel))
        {
            var gaveUp = grain.GetTileAsync(tile, quit.Token);
            await Until(() => ValueTask.FromResult(fixture.Busy > 0));
            await quit.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gaveUp);
        }

        await Until(async () => await store.StatAsync(key, Cancel) is not null);
        Assert.Equal(TileStatus.Ok, (await grain.GetTileAsync(tile, Cancel)).Status);
        Assert.True(await grain.DeleteAsync(Cancel));
        long before = fixture.Renders;

        var again = await grain.GetTileAsync(tile, Cancel);

        // Rendered afresh, not the bytes of the render the first caller left behind.
        Assert.Equal(TileStatus.Ok, again.Status);
        Assert.Equal(1, fixture.Renders - before);
        Assert.NotNull(await store.StatAsync(key, Cancel));
    }

    [Fact]
    public async Task GetTile_ActivatesOnTheRendezvousOwner_AndReactivatesThereWithoutRendering()
    {
        var key = new MetatileKey("osm", 1, MetatileCoord.Containing(TileCoord.Create(16, 34504, 23016)));
        var grain = fixture.Client.GetMetatileGrain(key);
        var first = await grain.GetTileAsync(key.Metatile.TileAt(1, 1), Cancel);
        Assert.Equal(TileStatus.Ok, first.Status);

        string[] names = [.. fixture.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<ILocalSiloDetails>().Name)];
        var owner = fixture.Cluster.Silos[Rendezvous.Owner(key, names)];
        Assert.True(owner.ServiceProvider.GetRequiredService<MetatileActivations>().IsActive(key), $"not active on its owner {names[Rendezvous.Owner(key, names)]}");

        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);
        Assert.False(owner.ServiceProvider.GetRequiredService<MetatileActivations>().IsActive(key));
        long before = fixture.Renders;

        var again = await grain.GetTileAsync(key.Metatile.TileAt(1, 1), Cancel);

        Assert.Equal(first.ETag, again.ETag);
        Assert.Equal(0, fixture.Renders - before);
        Assert.True(owner.ServiceProvider.GetRequiredService<MetatileActivations>().IsActive(key));
    }

    [Fact]
    public async Task Expire_NeverStoredMetatiles_WakeNoGrain()
    {
        string[] names = [.. fixture.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<ILocalSiloDetails>().Name)];
        var metatiles = Enumerable.Range(0, 40).Select(i => MetatileCoord.Containing(TileCoord.Create(18, 137600 + (i * 8), 92000))).ToArray();
        int notStored = 0;
        foreach (var group in metatiles.GroupBy(m => names[Rendezvous.Owner(new MetatileKey("osm", 1, m), names)]))
        {
            var result = await fixture.Client.GetSiloAgent(group.Key).ExpireAsync("osm", 1, [.. group], Cancel);
            Assert.Equal(0, result.Dirtied);
            notStored += result.NotStored;
        }

        Assert.Equal(metatiles.Length, notStored);
        Assert.All(fixture.Cluster.Silos, silo => Assert.All(metatiles, m =>
            Assert.False(silo.ServiceProvider.GetRequiredService<MetatileActivations>().IsActive(new MetatileKey("osm", 1, m)))));
    }

    [Fact]
    public async Task Expire_StoredHotMetatile_MarksDirtyAndRerendersOnce()
    {
        var key = new MetatileKey("osm", 1, MetatileCoord.Containing(TileCoord.Create(14, 8625, 5753)));
        var grain = fixture.Client.GetMetatileGrain(key);
        Assert.Equal(TileStatus.Ok, (await grain.GetTileAsync(key.Metatile.TileAt(0, 0), Cancel)).Status);
        long before = fixture.Renders;

        Assert.Equal(ExpireOutcome.Refreshing, await grain.ExpireAsync(Cancel));
        Assert.Equal(TileStatus.Ok, await grain.WaitForRefreshAsync(Cancel));

        Assert.Equal(1, fixture.Renders - before);
        Assert.False((await grain.GetTileAsync(key.Metatile.TileAt(0, 0), Cancel)).Dirty);
    }

    [Theory]
    [InlineData("aged", true)]
    [InlineData("osm", false)]
    public async Task GetTile_StoredTwoHoursAgo_IsExpiredOnlyPastTheLayersCacheLifespan(string layer, bool expired)
    {
        var key = new MetatileKey(layer, 1, MetatileCoord.Containing(TileCoord.Create(15, 17256, 11500)));
        var grain = fixture.Client.GetMetatileGrain(key);
        var tile = key.Metatile.TileAt(0, 0);
        Assert.Equal(TileStatus.Ok, (await grain.GetTileAsync(tile, Cancel)).Status);
        // This metatile's own file: other tests of the class store z15 metatiles of the same layers.
        string meta = Path.Combine(fixture.StoreRoot, MetaPath.Relative(key.StorageName, key.Metatile));
        Assert.True(File.GetLastWriteTimeUtc(meta) > DateTime.UtcNow.AddMinutes(-30), $"{meta} was not just written");
        File.SetLastWriteTimeUtc(meta, DateTime.UtcNow.AddHours(-2));
        long before = fixture.Renders;

        // Past the lifespan the stored tile counts as expired: served (stale, unless the re-render
        // it starts is done within the dirty wait budget) and rendered again.
        Assert.Equal(TileStatus.Ok, (await grain.GetTileAsync(tile, Cancel)).Status);
        Assert.Equal(TileStatus.Ok, await grain.WaitForRefreshAsync(Cancel));
        Assert.False((await grain.GetTileAsync(tile, Cancel)).Dirty);
        Assert.Equal(expired, File.GetLastWriteTimeUtc(meta) > DateTime.UtcNow.AddMinutes(-30));
        Assert.Equal(expired ? 1 : 0, fixture.Renders - before);
    }

    private static async Task Until(Func<ValueTask<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition was not met within a minute");
            await Task.Delay(5, Cancel);
        }
    }
}
