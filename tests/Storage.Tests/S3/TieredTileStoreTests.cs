using System.Text;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Tests.Shared;

namespace TileCluster.Storage.Tests.S3;

/// <summary>
/// The disk store with an S3 bucket behind it, against a real S3-API server (s3rver) that tests stop
/// and start: silos share metatiles through the bucket, dirty marks reach it, and an outage costs
/// nothing but retried writes.
/// </summary>
public sealed class TieredTileStoreTests : IAsyncLifetime
{
    private static readonly MetatileKey Key = MetatileKey.For("osm", 1, TileCoord.Create(14, 8619, 5767));
    private static readonly TileCoord Tile = TileCoord.Create(14, 8619, 5767);
    private static readonly string ObjectKey = "c1/" + MetaPath.Relative("osm", Key.Metatile);

    private S3Server _s3 = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _s3 = await S3Server.StartAsync();

    public async ValueTask DisposeAsync() => await _s3.DisposeAsync();

    private Dictionary<string, string?> Settings(int queue = 64)
    {
        var settings = _s3.Settings();
        settings["Store:S3:Prefix"] = "c1/";
        // Generous: the SDK's first call in a process is slow, and the tests run beside others on two cores.
        settings["Store:S3:Timeout"] = "00:00:10";
        settings["Store:S3:BreakDuration"] = "00:00:00.5";
        settings["Store:S3:RetryInterval"] = "00:00:00.2";
        settings["Store:S3:RetryQueueLength"] = queue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    private static string Text(StoredTile? tile) => tile is null ? "(none)" : Encoding.ASCII.GetString(tile.Bytes);

    [Fact]
    public async Task ReadTile_MetatileAnotherSiloWrote_IsServedFromS3AndCopiedToDisk()
    {
        await using var writer = StoreHost.Start(Settings());
        await using var reader = StoreHost.Start(Settings());

        await writer.Store.WriteMetatileAsync(Key, StoreHost.Tiles("v1"), Cancel);
        Assert.False(File.Exists(reader.DiskFile(Key)));
        var tile = await reader.Store.ReadTileAsync(Key, Tile, Cancel);

        Assert.Equal("v1:3/7", Text(tile));
        Assert.False(tile!.Dirty);
        Assert.True(File.Exists(reader.DiskFile(Key)));
        Assert.Equal(tile.LastModified, new DateTimeOffset(File.GetLastWriteTimeUtc(reader.DiskFile(Key))));
        Assert.Equal(tile.LastModified, await reader.Store.StatAsync(Key, Cancel));
        Assert.Null(await _s3.MetadataAsync(ObjectKey + ".dirty"));
    }

    [Fact]
    public async Task MarkDirty_OnOneSilo_AnotherSiloReadsTheMetatileDirty()
    {
        await using var writer = StoreHost.Start(Settings());
        await using var reader = StoreHost.Start(Settings());
        await writer.Store.WriteMetatileAsync(Key, StoreHost.Tiles("v1"), Cancel);

        Assert.True(await writer.Store.MarkDirtyAsync(Key, Cancel));
        var tile = await reader.Store.ReadTileAsync(Key, Tile, Cancel);

        Assert.Equal("v1:3/7", Text(tile));
        Assert.True(tile!.Dirty);
        Assert.NotNull(await _s3.MetadataAsync(ObjectKey + ".dirty"));
    }

    [Fact]
    public async Task WriteMetatile_AfterDirtyMark_AnotherSiloReadsTheNewTilesFresh()
    {
        await using var writer = StoreHost.Start(Settings());
        await using var reader = StoreHost.Start(Settings());
        await writer.Store.WriteMetatileAsync(Key, StoreHost.Tiles("v1"), Cancel);
        await writer.Store.MarkDirtyAsync(Key, Cancel);

        await writer.Store.WriteMetatileAsync(Key, StoreHost.Tiles("v2"), Cancel);
        var tile = await reader.Store.ReadTileAsync(Key, Tile, Cancel);

        Assert.Equal("v2:3/7", Text(tile));
        Assert.False(tile!.Dirty);
    }

    [Fact]
    public async Task MarkDirty_NothingStoredAnywhere_IsFalse()
    {
        await using var host = StoreHost.Start(Settings());

        Assert.False(await host.Store.MarkDirtyAsync(Key, Cancel));
        Assert.Null(await _s3.MetadataAsync(ObjectKey + ".dirty"));
    }

    [Fact]
    public async Task MarkDirty_MetatileOnlyInS3_MarksItThere()
    {
        await using var writer = StoreHost.Start(Settings());
        await using var other = StoreHost.Start(Settings());
        await writer.Store.WriteMetatileAsync(Key, StoreHost.Tiles("v1"), Cancel);

        Assert.True(await other.Store.MarkDirtyAsync(Key, Cancel));
        File.Delete(writer.DiskFile(Key));
        Assert.True((await writer.Store.ReadTileAsync(Key, Tile, Cancel))!.Dirty);
    }

    [Fact]
    public async Task Delete_RemovesDiskFileAndObject()
    {
        await using var host = StoreHost.Start(Settings());
        await host.Store.WriteMetatileAsync(Key, StoreHost.Tiles("v1"), Cancel);
        await host.Store.MarkDirtyAsync(Key, Cancel);
        Assert.NotNull(await _s3.MetadataAsync(ObjectKey));

        await host.Store.DeleteAsync(Key, Cancel);

        Assert.Null(await _s3.MetadataAsync(ObjectKey));
        Assert.Null(await _s3.MetadataAsync(ObjectKey + ".dirty"));
        Assert.Null(await host.Store.ReadTileAsync(Key, Tile, Cancel));
        Assert.Null(await host.Store.StatAsync(Key, Cancel));
    }

    [Fact]
    public async Task ReadTile_S3Down_IsAMissAndDiskStillServes()
    {
        await using var host = StoreHost.Start(Settings());
        var other = MetatileKey.For("osm", 1, TileCoord.Create(14, 0, 0));
        await host.Store.WriteMetatileAsync(Key, StoreHost.Tiles("v1"), Cancel);
        await _s3.StopAsync();

        Assert.Null(await host.Store.ReadTileAsync(other, TileCoord.Create(14, 0, 0), Cancel));
        Assert.Null(await host.Store.StatAsync(other, Cancel));
        Assert.Equal("v1:3/7", Text(await host.Store.ReadTileAsync(Key, Tile, Cancel)));
    }

    [Fact]
    public async Task WriteMetatile_S3Down_IsServedFromDiskAndLandsInS3AfterItComesBack()
    {
        await using var host = StoreHost.Start(Settings());
        await _s3.StopAsync();

        await host.Store.WriteMetatileAsync(Key, StoreHost.Tiles("v1"), Cancel);
        Assert.True(await host.Store.MarkDirtyAsync(Key, Cancel));
        Assert.Equal("v1:3/7", Text(await host.Store.ReadTileAsync(Key, Tile, Cancel)));

        await _s3.RestartAsync();
        await EventuallyAsync(ObjectKey + ".dirty");

        // The queued upload carries the dirty mark made while it waited.
        Assert.NotNull(await _s3.MetadataAsync(ObjectKey));
        await using var reader = StoreHost.Start(Settings());
        var tile = await reader.Store.ReadTileAsync(Key, Tile, Cancel);
        Assert.Equal("v1:3/7", Text(tile));
        Assert.True(tile!.Dirty);
    }

    [Fact]
    public async Task WriteMetatile_S3DownAndQueueFull_KeepsTheFirstAndDropsTheRestForS3()
    {
        await using var host = StoreHost.Start(Settings(queue: 1));
        var second = MetatileKey.For("osm", 1, TileCoord.Create(14, 0, 0));
        await _s3.StopAsync();

        await host.Store.WriteMetatileAsync(Key, StoreHost.Tiles("v1"), Cancel);
        await host.Store.WriteMetatileAsync(second, StoreHost.Tiles("v2"), Cancel);
        Assert.Equal("v2:0/0", Text(await host.Store.ReadTileAsync(second, TileCoord.Create(14, 0, 0), Cancel)));

        await _s3.RestartAsync();
        await EventuallyAsync(ObjectKey);
        Assert.Null(await _s3.MetadataAsync("c1/" + MetaPath.Relative("osm", second.Metatile)));
    }

    /// <summary>Waits (bounded) for the retry queue to put <paramref name="key"/> into the bucket.</summary>
    private async Task<Amazon.S3.Model.MetadataCollection> EventuallyAsync(string key)
    {
        for (int i = 0; i < 300; i++)
        {
            if (await _s3.MetadataAsync(key) is { } metadata)
            {
                return metadata;
            }

            await Task.Delay(100, Cancel);
        }

        throw new Xunit.Sdk.XunitException($"{key} never reached S3");
    }
}
