using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Storage.PassThrough;
using TileCluster.Storage.Tests.Outputs;

namespace TileCluster.Storage.Tests.PassThrough;

/// <summary>The <c>tiles</c> layout: plain <c>{layer}/{z}/{x}/{y}.{ext}</c> files, written whole, removed by metatile.</summary>
public sealed class TileFileStoreTests : IDisposable
{
    private readonly string _root = Scratch.NewDirectory("tile-files");
    private readonly TileFileStore _store;

    public TileFileStoreTests() => _store = new TileFileStore(Options.Create(new StoreOptions { Root = _root }));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Write_Tile_IsAPlainFileAtZxyAndReadsBack()
    {
        byte[] bytes = [1, 2, 3];
        await _store.WriteAsync("proxy", TileCoord.Create(14, 8625, 5753), "png", bytes, Cancel);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_root, "proxy", "14", "8625", "5753.png"), Cancel));
        Assert.Equal(bytes, (await _store.ReadAsync("proxy", TileCoord.Create(14, 8625, 5753), "png", Cancel))!.Bytes);
        Assert.Null(await _store.ReadAsync("proxy", TileCoord.Create(14, 8625, 5754), "png", Cancel));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "proxy", "14", "8625"), "*.tmp"));
    }

    [Fact]
    public async Task Delete_Metatile_RemovesItsTilesOnly()
    {
        foreach (var (x, y) in new[] { (8624, 5752), (8631, 5759), (8632, 5752) })
        {
            await _store.WriteAsync("proxy", TileCoord.Create(14, x, y), "png", [9], Cancel);
        }

        MetatileCoord.TryCreate(14, 8625, 5753, out var metatile, out _);
        Assert.Equal(2, await _store.DeleteAsync("proxy", metatile, "png", Cancel));

        Assert.Null(await _store.ReadAsync("proxy", TileCoord.Create(14, 8624, 5752), "png", Cancel));
        Assert.Null(await _store.ReadAsync("proxy", TileCoord.Create(14, 8631, 5759), "png", Cancel));
        Assert.NotNull(await _store.ReadAsync("proxy", TileCoord.Create(14, 8632, 5752), "png", Cancel));
        Assert.Equal(0, await _store.DeleteAsync("proxy", metatile, "png", Cancel));
    }
}
