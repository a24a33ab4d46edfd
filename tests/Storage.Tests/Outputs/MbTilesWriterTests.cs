using System.Globalization;
using System.Text.Json;
using TileCluster.Storage.Outputs;

namespace TileCluster.Storage.Tests.Outputs;

public sealed class MbTilesWriterTests(LiechtensteinTree tree) : IClassFixture<LiechtensteinTree>, IDisposable
{
    private readonly string _outputs = Scratch.NewDirectory("mbtiles");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static MbTilesMetadata Metadata => new(
        "Liechtenstein", "Test tiles", LiechtensteinTree.West, LiechtensteinTree.South, LiechtensteinTree.East, LiechtensteinTree.North,
        LiechtensteinTree.MinZoom, LiechtensteinTree.MaxZoom);

    public void Dispose() => Directory.Delete(_outputs, recursive: true);

    [Fact]
    public async Task WriteAsync_Tree_HoldsEveryTileOnceWithTmsRows()
    {
        string path = await WriteAsync();

        string rows = await Sqlite(path, "SELECT zoom_level, tile_column, tile_row FROM tiles ORDER BY zoom_level, tile_column, tile_row");
        var expected = tree.Tiles
            .Select(t => (t.Z, t.X, Row: SlippyMap.TmsRow(t.Z, t.Y)))
            .OrderBy(t => t.Z).ThenBy(t => t.X).ThenBy(t => t.Row)
            .Select(t => $"{t.Z}|{t.X}|{t.Row}");
        Assert.Equal(82, tree.Tiles.Count);
        Assert.Equal(expected, Lines(rows));
    }

    [Fact]
    public async Task WriteAsync_Tree_IsAValidMbTiles13File()
    {
        string path = await WriteAsync();

        Assert.Equal("ok", (await Sqlite(path, "PRAGMA integrity_check")).Trim());
        Assert.Equal(0x4D504258, int.Parse(await Sqlite(path, "PRAGMA application_id"), CultureInfo.InvariantCulture));
        string index = await Sqlite(path, "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tiles'");
        Assert.Contains("UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)", index, StringComparison.Ordinal);
        var metadata = Lines(await Sqlite(path, "SELECT name, value FROM metadata"))
            .Select(line => line.Split('|', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.Equal("Liechtenstein", metadata["name"]);
        Assert.Equal("Test tiles", metadata["description"]);
        Assert.Equal("png", metadata["format"]);
        Assert.Equal("9.47,47.04,9.64,47.28", metadata["bounds"]);
        Assert.Equal("10", metadata["minzoom"]);
        Assert.Equal("13", metadata["maxzoom"]);
        Assert.Equal("baselayer", metadata["type"]);
        Assert.Equal("1.0.0", metadata["version"]);
        Assert.Equal("© OpenStreetMap contributors", metadata["attribution"]);
        string[] center = metadata["center"].Split(',');
        Assert.Equal(9.555, double.Parse(center[0], CultureInfo.InvariantCulture), 9);
        Assert.Equal(47.160135514982585, double.Parse(center[1], CultureInfo.InvariantCulture), 9);
        Assert.Equal("11", center[2]);
    }

    [Fact]
    public async Task Gdalinfo_ReportsTheZoomRangeBoundsAndSize()
    {
        string path = await WriteAsync();

        using var info = JsonDocument.Parse(await ExternalTool.RunAsync("gdalinfo", "-json", path));
        var root = info.RootElement;
        Assert.Equal("MBTiles", root.GetProperty("driverShortName").GetString());

        // GDAL opens the deepest zoom, cropped to the metadata's bounds.
        double pixel = 2 * SlippyMap.HalfWorld / (256 << LiechtensteinTree.MaxZoom);
        double west = LiechtensteinTree.West * Math.PI / 180 * 6378137, east = LiechtensteinTree.East * Math.PI / 180 * 6378137;
        double north = 6378137 * Math.Log(Math.Tan((Math.PI / 4) + (LiechtensteinTree.North * Math.PI / 360)));
        double south = 6378137 * Math.Log(Math.Tan((Math.PI / 4) + (LiechtensteinTree.South * Math.PI / 360)));
        Assert.InRange(root.GetProperty("size")[0].GetInt32(), Math.Floor((east - west) / pixel), Math.Ceiling((east - west) / pixel));
        Assert.InRange(root.GetProperty("size")[1].GetInt32(), Math.Floor((north - south) / pixel), Math.Ceiling((north - south) / pixel));
        var transform = root.GetProperty("geoTransform");
        Assert.Equal(west, transform[0].GetDouble(), 3);
        Assert.Equal(pixel, transform[1].GetDouble(), 9);
        Assert.Equal(north, transform[3].GetDouble(), 3);
        Assert.Equal(-pixel, transform[5].GetDouble(), 9);

        // One overview per zoom below the deepest.
        Assert.Equal(LiechtensteinTree.MaxZoom - LiechtensteinTree.MinZoom, root.GetProperty("bands")[0].GetProperty("overviews").GetArrayLength());
        var metadata = root.GetProperty("metadata").GetProperty("");
        Assert.Equal("10", metadata.GetProperty("minzoom").GetString());
        Assert.Equal("13", metadata.GetProperty("maxzoom").GetString());
        Assert.Equal("Liechtenstein", metadata.GetProperty("name").GetString());
    }

    [Fact]
    public async Task GdalTranslate_OneTileWindow_HasTheSourcePngsPixels()
    {
        string path = await WriteAsync();
        var deepest = tree.Tiles.Where(t => t.Z == LiechtensteinTree.MaxZoom).ToList();

        // The north-west and south-east corner tiles: a wrong row order would swap or miss them.
        // USE_BOUNDS=NO: GDAL takes the tiles' extent rather than the bounds, so a tile is whole pixels.
        foreach (var (z, x, y) in new[] { deepest[0], deepest[^1] })
        {
            var (west, north, east, south) = SlippyMap.Corners(z, x, y);
            string png = Path.Combine(_outputs, $"gdal-{z}-{x}-{y}.png");
            await ExternalTool.RunAsync(
                "gdal_translate", "-q", "-oo", "USE_BOUNDS=NO", "-of", "PNG", "-projwin",
                Number(west), Number(north), Number(east), Number(south), path, png);
            Assert.Equal(TileImages.Rgb(tree.PathOf(z, x, y)), TileImages.Rgb(png));
        }
    }

    [Fact]
    public async Task WriteAsync_ProgressCountsTilesWritten()
    {
        var reports = new List<long>();
        await MbTilesWriter.WriteAsync(tree.Root, Path.Combine(_outputs, "progress.mbtiles"), Metadata, new Recorder(reports.Add), Cancel);
        Assert.Equal(new long[] { 82 }, reports);
    }

    [Fact]
    public async Task WriteAsync_CancelledMidWay_LeavesNoFile()
    {
        // More tiles than one progress interval, so the write is cancelled between two tiles.
        string big = Scratch.NewDirectory("big");
        try
        {
            byte[] tile = TileImages.Create(9, 0, 0);
            for (int x = 0; x < 20; x++)
            {
                Directory.CreateDirectory(Path.Combine(big, "9", x.ToString()));
                for (int y = 0; y < 20; y++)
                {
                    await File.WriteAllBytesAsync(Path.Combine(big, "9", x.ToString(), $"{y}.png"), tile, Cancel);
                }
            }

            string destination = Path.Combine(_outputs, "cancelled.mbtiles");
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            bool partialWhileWriting = false;
            var progress = new Recorder(_ =>
            {
                partialWhileWriting = File.Exists(destination + ".partial");
                cancellation.Cancel();
            });

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                MbTilesWriter.WriteAsync(big, destination, Metadata with { MinZoom = 9, MaxZoom = 9 }, progress, cancellation.Token));

            Assert.True(partialWhileWriting);
            Assert.False(File.Exists(destination));
            Assert.False(File.Exists(destination + ".partial"));
        }
        finally
        {
            Directory.Delete(big, recursive: true);
        }
    }

    [Fact]
    public async Task WriteAsync_PartialFromACrashedRun_IsReplaced()
    {
        string destination = Path.Combine(_outputs, "restarted.mbtiles");
        await File.WriteAllTextAsync(destination + ".partial", "the first half of a crashed run", Cancel);

        await MbTilesWriter.WriteAsync(tree.Root, destination, Metadata, progress: null, Cancel);

        Assert.False(File.Exists(destination + ".partial"));
        Assert.Equal("82", (await Sqlite(destination, "SELECT count(*) FROM tiles")).Trim());
    }

    [Fact]
    public async Task WriteAsync_EmptyTree_FailsAndLeavesNoFile()
    {
        string empty = Scratch.NewDirectory("empty");
        try
        {
            string destination = Path.Combine(_outputs, "empty.mbtiles");
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => MbTilesWriter.WriteAsync(empty, destination, Metadata, null, Cancel));
            Assert.Contains("no {z}/{x}/{y}.png tiles", error.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFiles(_outputs));
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Theory]
    [InlineData("", 9.47, 47.04, 9.64, 47.28, 10, 13, "png", "Name")]
    [InlineData("x", 9.64, 47.04, 9.47, 47.28, 10, 13, "png", "West")]
    [InlineData("x", 9.47, 47.28, 9.64, 47.04, 10, 13, "png", "South")]
    [InlineData("x", -181, 47.04, 9.64, 47.28, 10, 13, "png", "West")]
    [InlineData("x", 9.47, 47.04, double.NaN, 47.28, 10, 13, "png", "East")]
    [InlineData("x", 9.47, 47.04, 9.64, 86, 10, 13, "png", "North")]
    [InlineData("x", 9.47, 47.04, 9.64, 47.28, 13, 10, "png", "MinZoom..MaxZoom")]
    [InlineData("x", 9.47, 47.04, 9.64, 47.28, 10, 25, "png", "MinZoom..MaxZoom")]
    [InlineData("x", 9.47, 47.04, 9.64, 47.28, -1, 13, "png", "MinZoom..MaxZoom")]
    [InlineData("x", 9.47, 47.04, 9.64, 47.28, 10, 13, "gif", "Format")]
    public async Task WriteAsync_BadMetadata_NamesTheFieldAndWritesNothing(
        string name, double west, double south, double east, double north, int minZoom, int maxZoom, string format, string field)
    {
        var metadata = new MbTilesMetadata(name, null, west, south, east, north, minZoom, maxZoom, format);
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            MbTilesWriter.WriteAsync(tree.Root, Path.Combine(_outputs, "bad.mbtiles"), metadata, null, Cancel));
        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_outputs));
    }

    [Theory]
    [InlineData(9.47, 47.04, 9.64, 47.28, 0, 18, 11)]
    [InlineData(9.47, 47.04, 9.64, 47.28, 13, 17, 13)]
    [InlineData(9.47, 47.04, 9.64, 47.28, 5, 8, 8)]
    [InlineData(9.515, 47.135, 9.53, 47.145, 0, 20, 16)]
    public void CenterZoom_IsTheDeepestZoomWhereTheBoundsFitAScreen(double west, double south, double east, double north, int minZoom, int maxZoom, int expected) =>
        Assert.Equal(expected, new MbTilesMetadata("x", null, west, south, east, north, minZoom, maxZoom).CenterZoom);

    [Theory]
    [InlineData(-60, 60, 0)]
    [InlineData(0, 60, 35.26438968275463)]
    [InlineData(47.04, 47.28, 47.160135514982585)]
    public void CenterLatitude_IsTheMercatorMiddle(double south, double north, double expected) =>
        Assert.Equal(expected, new MbTilesMetadata("x", null, 0, south, 1, north, 0, 1).CenterLatitude, 9);

    private async Task<string> WriteAsync()
    {
        string path = Path.Combine(_outputs, "liechtenstein.mbtiles");
        await MbTilesWriter.WriteAsync(tree.Root, path, Metadata, progress: null, Cancel);
        return path;
    }

    private static Task<string> Sqlite(string path, string sql) => ExternalTool.RunAsync("sqlite3", "-readonly", path, sql);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
