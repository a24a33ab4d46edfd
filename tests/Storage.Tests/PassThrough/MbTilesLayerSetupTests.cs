using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Storage.Outputs;
using TileCluster.Storage.PassThrough;
using TileCluster.Storage.Tests.Outputs;

namespace TileCluster.Storage.Tests.PassThrough;

/// <summary>An <c>mbtiles</c> layer takes its format, zooms, bounds and attribution from its file, and a file it cannot use stops start-up.</summary>
public sealed class MbTilesLayerSetupTests(LiechtensteinTree tree) : IClassFixture<LiechtensteinTree>, IDisposable
{
    private readonly string _folder = Scratch.NewDirectory("mbtiles-layer");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Layers_FileOfOurWriter_FormatZoomsBoundsAndAttributionFromMetadata()
    {
        string path = Path.Combine(_folder, "li.mbtiles");
        await MbTilesWriter.WriteAsync(tree.Root, path, new MbTilesMetadata("Liechtenstein", null, LiechtensteinTree.West, LiechtensteinTree.South, LiechtensteinTree.East, LiechtensteinTree.North, LiechtensteinTree.MinZoom, LiechtensteinTree.MaxZoom, Attribution: "LI tiles"), null, TestContext.Current.CancellationToken);

        var layer = Layers(new() { ["Layers:m:Provider:File"] = path }).Layers["m"];

        Assert.Equal("png", layer.Provider.Format);
        Assert.Equal(["png"], layer.Provider.TileExtensions);
        Assert.Equal((10, 13), (layer.MinZoom, layer.MaxZoom));
        var box = Assert.Single(layer.Bounds);
        Assert.Equal([9.47, 47.04, 9.64, 47.28], new[] { box.West!.Value, box.South!.Value, box.East!.Value, box.North!.Value });
        Assert.Equal("LI tiles", layer.Attribution);
    }

    [Fact]
    public void Layers_ConfiguredZoomsAndBounds_IntersectedAndKept()
    {
        string path = HandMade("pbf", "minzoom", "5", "maxzoom", "14", "bounds", "-180,-90,180,90");

        var layer = Layers(new()
        {
            ["Layers:m:Provider:File"] = path,
            ["Layers:m:MinZoom"] = "8",
            ["Layers:m:MaxZoom"] = "12",
            ["Layers:m:Bounds:0:West"] = "9",
            ["Layers:m:Bounds:0:South"] = "47",
            ["Layers:m:Bounds:0:East"] = "10",
            ["Layers:m:Bounds:0:North"] = "48",
        }).Layers["m"];

        Assert.Equal((8, 12), (layer.MinZoom, layer.MaxZoom));
        Assert.Equal(9, Assert.Single(layer.Bounds).West);
    }

    [Theory]
    [InlineData("png", "png")]
    [InlineData("jpg", "jpg,jpeg")]
    [InlineData("jpeg", "jpg,jpeg")]
    [InlineData("webp", "webp")]
    [InlineData("pbf", "mvt,pbf")]
    [InlineData("PBF", "mvt,pbf")]
    public void Layers_MetadataFormat_GivesTheTileExtensions(string format, string extensions)
    {
        var layer = Layers(new() { ["Layers:m:Provider:File"] = HandMade(format) }).Layers["m"];

        Assert.Equal(extensions, string.Join(',', layer.Provider.TileExtensions));
    }

    [Theory]
    [InlineData("gif", "Layers:m:Provider:File: '{path}' is not a usable MBTiles file: its metadata format 'gif' is not one of png, jpg, webp, pbf")]
    [InlineData(null, "Layers:m:Provider:File: '{path}' is not a usable MBTiles file: its metadata table has no 'format' row")]
    public void Validate_BadMetadata_NamesLayerPathAndProblem(string? format, string expected)
    {
        string path = HandMade(format);

        var error = Assert.Throws<OptionsValidationException>(() => Layers(new() { ["Layers:m:Provider:File"] = path }));

        Assert.Contains(expected.Replace("{path}", path, StringComparison.Ordinal), error.Failures);
    }

    [Fact]
    public void Validate_NotSqlite_NamesLayerPathAndProblem()
    {
        string path = Path.Combine(_folder, "notes.mbtiles");
        File.WriteAllText(path, "these are not tiles, just some words long enough to fill a header of a database file..........................");

        var error = Assert.Throws<OptionsValidationException>(() => Layers(new() { ["Layers:m:Provider:File"] = path }));

        Assert.Contains(error.Failures, f => f.StartsWith($"Layers:m:Provider:File: '{path}' is not a usable MBTiles file: it cannot be read as an MBTiles (SQLite) file", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NoTilesTable_NamesTheProblem()
    {
        string path = Path.Combine(_folder, "empty.mbtiles");
        Execute(path, "CREATE TABLE metadata (name TEXT, value TEXT); INSERT INTO metadata VALUES ('format', 'png');");

        var error = Assert.Throws<OptionsValidationException>(() => Layers(new() { ["Layers:m:Provider:File"] = path }));

        Assert.Contains($"Layers:m:Provider:File: '{path}' is not a usable MBTiles file: it has no 'tiles' table or view", error.Failures);
    }

    [Theory]
    [InlineData("jpg", "jpeg")]
    [InlineData("jpeg", "jpg")]
    [InlineData("JPG", "JPEG")]
    public void Layers_ConfiguredJpegFormat_AgreesWithTheFilesByEitherName(string metadata, string configured)
    {
        var layer = Layers(new() { ["Layers:m:Provider:File"] = HandMade(metadata), ["Layers:m:Provider:Format"] = configured }).Layers["m"];

        Assert.Equal(LayerProviderOptions.JpegFormat, layer.Provider.Format);
        Assert.Equal("jpg,jpeg", string.Join(',', layer.Provider.TileExtensions));
    }

    [Fact]
    public void Validate_ConfiguredFormatDisagrees_NamesBoth()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Layers(new() { ["Layers:m:Provider:File"] = HandMade("pbf"), ["Layers:m:Provider:Format"] = "png" }));

        Assert.Contains("Layers:m:Provider:Format: 'png' disagrees with the file's metadata format 'mvt'; leave Format out for an mbtiles layer", error.Failures);
    }

    /// <summary>Binds one <c>mbtiles</c> layer as the processes do, with the product's registration, and reads the options.</summary>
    private LayersOptions Layers(Dictionary<string, string?> settings)
    {
        settings["BaseDirectory"] = _folder;
        settings["Layers:m:Provider:Kind"] = "mbtiles";
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddPassThroughLayers();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<LayersOptions>>().Value;
    }

    /// <summary>An MBTiles file written by hand: metadata rows as given (a null format leaves it out), one tile.</summary>
    private string HandMade(string? format, params string[] rows)
    {
        string path = Path.Combine(_folder, $"{Guid.NewGuid():N}.mbtiles");
        var sql = new System.Text.StringBuilder("CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);");
        if (format is not null)
        {
            sql.Append($"INSERT INTO metadata VALUES ('format', '{format}');");
        }

        for (int i = 0; i < rows.Length; i += 2)
        {
            sql.Append($"INSERT INTO metadata VALUES ('{rows[i]}', '{rows[i + 1]}');");
        }

        Execute(path, sql.ToString());
        return path;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
