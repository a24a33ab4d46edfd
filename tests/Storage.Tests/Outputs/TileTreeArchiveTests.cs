using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using TileCluster.Storage.Outputs;

namespace TileCluster.Storage.Tests.Outputs;

public sealed class TileTreeArchiveTests(LiechtensteinTree tree) : IClassFixture<LiechtensteinTree>, IDisposable
{
    private readonly string _outputs = Scratch.NewDirectory("zip");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_outputs, recursive: true);

    [Fact]
    public async Task WriteZipAsync_Xyz_ListsEveryTileInXyzOrder()
    {
        string zip = Path.Combine(_outputs, "tiles.zip");
        await TileTreeArchive.WriteZipAsync(tree.Root, zip, TileRowOrder.Xyz, Cancel);

        var expected = tree.Tiles.Select(t => $"{t.Z}/{t.X}/{t.Y}.png");
        Assert.Equal(expected, await ListAsync(zip));
        await AssertEntriesAreTheSourceFilesAsync(zip, t => t.Y);
    }

    [Fact]
    public async Task WriteZipAsync_Tms_FlipsRowsAndAddsTileMapResource()
    {
        string zip = Path.Combine(_outputs, "liechtenstein-tms.zip");
        await TileTreeArchive.WriteZipAsync(tree.Root, zip, TileRowOrder.Tms, Cancel);

        var expected = tree.Tiles
            .Select(t => (t.Z, t.X, Row: SlippyMap.TmsRow(t.Z, t.Y)))
            .OrderBy(t => t.Z).ThenBy(t => t.X).ThenBy(t => t.Row)
            .Select(t => $"{t.Z}/{t.X}/{t.Row}.png")
            .Append("tilemapresource.xml");
        Assert.Equal(expected, await ListAsync(zip));
        await AssertEntriesAreTheSourceFilesAsync(zip, t => SlippyMap.TmsRow(t.Z, t.Y));

        // The description covers the tree: its zooms, and the extent of its deepest zoom's tiles.
        await using var archive = await ZipFile.OpenReadAsync(zip, Cancel);
        await using var xml = await archive.GetEntry("tilemapresource.xml")!.OpenAsync(Cancel);
        var map = (await XDocument.LoadAsync(xml, LoadOptions.None, Cancel)).Root!;
        Assert.Equal("liechtenstein-tms", map.Element("Title")!.Value);
        Assert.Equal(
            Enumerable.Range(LiechtensteinTree.MinZoom, LiechtensteinTree.MaxZoom - LiechtensteinTree.MinZoom + 1).Select(z => z.ToString(CultureInfo.InvariantCulture)),
            map.Element("TileSets")!.Elements("TileSet").Select(t => t.Attribute("href")!.Value));
        var deepest = tree.Tiles.Where(t => t.Z == LiechtensteinTree.MaxZoom).ToList();
        var (west, north, _, _) = SlippyMap.Corners(LiechtensteinTree.MaxZoom, deepest[0].X, deepest[0].Y);
        var (_, _, east, south) = SlippyMap.Corners(LiechtensteinTree.MaxZoom, deepest[^1].X, deepest[^1].Y);
        var box = map.Element("BoundingBox")!;
        Assert.Equal(west, (double)box.Attribute("minx")!, 3);
        Assert.Equal(south, (double)box.Attribute("miny")!, 3);
        Assert.Equal(east, (double)box.Attribute("maxx")!, 3);
        Assert.Equal(north, (double)box.Attribute("maxy")!, 3);
    }

    [Fact]
    public async Task WriteZipAsync_Tiles_AreStoredNotDeflated()
    {
        string zip = Path.Combine(_outputs, "stored.zip");
        await TileTreeArchive.WriteZipAsync(tree.Root, zip, TileRowOrder.Tms, Cancel);

        // unzip -v: "Length Method Size Cmpr Date Time CRC-32 Name".
        var methods = (await ExternalTool.RunAsync("unzip", "-v", zip))
            .Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 8 && fields[7].EndsWith(".png", StringComparison.Ordinal))
            .Select(fields => fields[1])
            .ToList();
        Assert.Equal(tree.Tiles.Count, methods.Count);
        Assert.All(methods, method => Assert.Equal("Stored", method));
        await ExternalTool.RunAsync("unzip", "-tq", zip);
    }

    [Fact]
    public async Task TmsZip_ReadByGdalThroughItsTileMapResource_HasTheSourcePngsPixels()
    {
        string zip = Path.Combine(_outputs, "gdal.zip");
        await TileTreeArchive.WriteZipAsync(tree.Root, zip, TileRowOrder.Tms, Cancel);
        string extracted = Path.Combine(_outputs, "tms");
        await ZipFile.ExtractToDirectoryAsync(zip, extracted, Cancel);

        // A GDAL_WMS TMS description built only from what tilemapresource.xml says.
        string wms = Path.Combine(_outputs, "tms.xml");
        await File.WriteAllTextAsync(wms, GdalWms.FromTileMapResource(Path.Combine(extracted, "tilemapresource.xml")), Cancel);

        var deepest = tree.Tiles.Where(t => t.Z == LiechtensteinTree.MaxZoom).ToList();
        foreach (var (z, x, y) in new[] { deepest[0], deepest[^1] })
        {
            var (west, north, east, south) = SlippyMap.Corners(z, x, y);
            string png = Path.Combine(_outputs, $"gdal-{z}-{x}-{y}.png");
            await ExternalTool.RunAsync(
                "gdal_translate", "-q", "-of", "PNG", "-projwin",
                Number(west), Number(north), Number(east), Number(south), wms, png);
            Assert.Equal(TileImages.Rgb(tree.PathOf(z, x, y)), TileImages.Rgb(png));
        }
    }

    [Fact]
    public async Task WriteZipAsync_Cancelled_LeavesNoFile()
    {
        string zip = Path.Combine(_outputs, "cancelled.zip");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TileTreeArchive.WriteZipAsync(tree.Root, zip, TileRowOrder.Xyz, new CancellationToken(canceled: true)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outputs));
    }

    [Fact]
    public async Task WriteZipAsync_PartialFromACrashedRun_IsReplaced()
    {
        string zip = Path.Combine(_outputs, "restarted.zip");
        await File.WriteAllTextAsync(zip + ".partial", "PK and then nothing", Cancel);

        await TileTreeArchive.WriteZipAsync(tree.Root, zip, TileRowOrder.Xyz, Cancel);

        Assert.False(File.Exists(zip + ".partial"));
        Assert.Equal(tree.Tiles.Count, (await ListAsync(zip)).Count);
    }

    [Fact]
    public async Task WriteZipAsync_SameTreeTwice_SameBytes()
    {
        // Same file name, so the same tilemapresource.xml title.
        string first = Path.Combine(_outputs, "first", "tiles.zip");
        string second = Path.Combine(_outputs, "second", "tiles.zip");
        await TileTreeArchive.WriteZipAsync(tree.Root, first, TileRowOrder.Tms, Cancel);
        await TileTreeArchive.WriteZipAsync(tree.Root, second, TileRowOrder.Tms, Cancel);
        Assert.Equal(await File.ReadAllBytesAsync(first, Cancel), await File.ReadAllBytesAsync(second, Cancel));
    }

    [Fact]
    public async Task WriteZipAsync_MissingTree_FailsAndLeavesNoFile()
    {
        string zip = Path.Combine(_outputs, "missing.zip");
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
            TileTreeArchive.WriteZipAsync(Path.Combine(_outputs, "no-such-tree"), zip, TileRowOrder.Xyz, Cancel));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outputs));
    }

    [Fact]
    public async Task WriteZipAsync_TileOutsideTheGrid_NamesTheFile()
    {
        string bad = Scratch.NewDirectory("bad");
        try
        {
            Directory.CreateDirectory(Path.Combine(bad, "2", "1"));
            await File.WriteAllBytesAsync(Path.Combine(bad, "2", "1", "4.png"), TileImages.Create(2, 1, 4), Cancel);
            var error = await Assert.ThrowsAsync<InvalidDataException>(() =>
                TileTreeArchive.WriteZipAsync(bad, Path.Combine(_outputs, "bad.zip"), TileRowOrder.Xyz, Cancel));
            Assert.Contains(Path.Combine("2", "1", "4.png"), error.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(_outputs));
        }
        finally
        {
            Directory.Delete(bad, recursive: true);
        }
    }

    private static async Task<List<string>> ListAsync(string zip) =>
        [.. (await ExternalTool.RunAsync("unzip", "-Z1", zip)).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private async Task AssertEntriesAreTheSourceFilesAsync(string zip, Func<(int Z, int X, int Y), int> row)
    {
        await using var archive = await ZipFile.OpenReadAsync(zip, Cancel);
        foreach (var tile in tree.Tiles)
        {
            var entry = archive.GetEntry($"{tile.Z}/{tile.X}/{row(tile)}.png");
            Assert.NotNull(entry);
            await using var stream = await entry.OpenAsync(Cancel);
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes, Cancel);
            Assert.Equal(await File.ReadAllBytesAsync(tree.PathOf(tile.Z, tile.X, tile.Y), Cancel), bytes.ToArray());
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
