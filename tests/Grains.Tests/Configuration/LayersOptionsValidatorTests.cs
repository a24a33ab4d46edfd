using Microsoft.Extensions.Configuration;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Grains.Tests.Configuration;

/// <summary>
/// The <c>Layers</c> section as an operator writes it (configuration keys, bound like the
/// processes bind them), and the start-up error each mistake gives.
/// </summary>
public sealed class LayersOptionsValidatorTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("tilecluster-layers-");

    public LayersOptionsValidatorTests() => File.WriteAllText(Path.Combine(_folder.FullName, "osm.yaml"), "name: osm\nlayers: []\n");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Validate_ShippedShape_IsValid()
    {
        var result = Validate(new()
        {
            ["Layers:osm:MaxZoom"] = "18",
            ["Layers:osm:Bounds:0:West"] = "9.47",
            ["Layers:osm:Bounds:0:South"] = "47.04",
            ["Layers:osm:Bounds:0:East"] = "9.64",
            ["Layers:osm:Bounds:0:North"] = "47.28",
            ["Layers:osm:Bounds:1:West"] = "-180",
            ["Layers:osm:Bounds:1:South"] = "-85.0511",
            ["Layers:osm:Bounds:1:East"] = "180",
            ["Layers:osm:Bounds:1:North"] = "85.0511",
            ["Layers:osm:Bounds:1:MaxZoom"] = "8",
            ["Layers:osm:Preview:Lat"] = "47.141",
            ["Layers:osm:Preview:Lon"] = "9.5209",
            ["Layers:osm:Preview:Zoom"] = "13",
            ["Layers:osm:AllowedOrigins:0"] = "https://example.org",
            ["Layers:osm:MaxCacheAge"] = "00:10:00",
            ["Layers:osm:WriteCache"] = "false",
            ["Layers:osm:TileSize"] = "512",
            ["Layers:osm:Png:Palette256"] = "false",
            ["Layers:osm:Redirects:jpg"] = "png",
            ["Layers:osm:Metatile:Rows"] = "8",
            ["Layers:osm:Metatile:Buffer"] = "64",
        });
        Assert.Empty(result);
    }

    [Theory]
    [InlineData("Layers:osm:Provider:Kind", "mapnik", "Layers:osm:Provider:Kind: 'mapnik' is not a provider kind; known: style, vector")]
    [InlineData("Layers:osm:Provider:Kind", "", "Layers:osm:Provider:Kind is required: one of style, vector")]
    [InlineData("Layers:osm:Provider:File", "missing.yaml", "Layers:osm:Provider:File: '{folder}/missing.yaml' does not exist")]
    [InlineData("Layers:osm:Provider:File", "", "Layers:osm:Provider:File is required for a style provider")]
    [InlineData("Layers:osm:MinZoom", "12", "Layers:osm:MinZoom: 12 is above MaxZoom 10")]
    [InlineData("Layers:osm:MaxZoom", "25", "Layers:osm:MaxZoom: 25 is outside 0..24")]
    [InlineData("Layers:osm:MinZoom", "-1", "Layers:osm:MinZoom: -1 is outside 0..24")]
    [InlineData("Layers:osm:Bounds:0:West", "200", "Layers:osm:Bounds:0: West 200 and East 9.64 must be within -180..180 with West < East")]
    [InlineData("Layers:osm:Bounds:0:West", "9.7", "Layers:osm:Bounds:0: West 9.7 and East 9.64 must be within -180..180 with West < East")]
    [InlineData("Layers:osm:Bounds:0:North", "89", "Layers:osm:Bounds:0: South 47.04 and North 89 must be within -85.0511..85.0511 with South < North")]
    [InlineData("Layers:osm:Bounds:0:South", "47.5", "Layers:osm:Bounds:0: South 47.5 and North 47.28 must be within")]
    [InlineData("Layers:osm:Bounds:0:MinZoom", "11", "Layers:osm:Bounds:0:MinZoom: 11 is outside the layer's 0..10")]
    [InlineData("Layers:osm:Bounds:0:MaxZoom", "12", "Layers:osm:Bounds:0:MaxZoom: 12 is outside the layer's 0..10")]
    [InlineData("Layers:osm:Bounds:1:West", "1", "Layers:osm:Bounds:1: West, South, East and North are all required")]
    [InlineData("Layers:osm:Preview:Lat", "47.1", "Layers:osm:Preview: Lat, Lon and Zoom go together")]
    [InlineData("Layers:osm:Preview:Ext", "webp", "Layers:osm:Preview:Ext: 'webp' is not a tile extension of this layer (png)")]
    [InlineData("Layers:osm:AllowedOrigins:0", "example.org", "Layers:osm:AllowedOrigins: 'example.org' is not '*' or an origin such as https://example.org")]
    [InlineData("Layers:osm:AllowedOrigins:0", "https://example.org/maps", "Layers:osm:AllowedOrigins: 'https://example.org/maps' is not '*' or an origin")]
    [InlineData("Layers:osm:MaxCacheAge", "-00:01:00", "Layers:osm:MaxCacheAge: must not be negative")]
    [InlineData("Layers:osm:CacheLifespan", "00:00:00", "Layers:osm:CacheLifespan: must be positive")]
    [InlineData("Layers:osm:CacheLifespan", "-1.00:00:00", "Layers:osm:CacheLifespan: must be positive")]
    [InlineData("Layers:osm:StaleLockTimeout", "00:00:00", "Layers:osm:StaleLockTimeout: 00:00:00 is outside (0, 01:00:00]")]
    [InlineData("Layers:osm:StaleLockTimeout", "02:00:00", "Layers:osm:StaleLockTimeout: 02:00:00 is outside (0, 01:00:00]")]
    [InlineData("Layers:osm:TileSize", "1024", "Layers:osm:TileSize: 1024 is not 256 or 512")]
    [InlineData("Layers:osm:Redirects:jpg", "webp", "Layers:osm:Redirects:jpg: 'webp' is not a tile extension of this layer (png)")]
    [InlineData("Layers:osm:Redirects:png", "png", "Layers:osm:Redirects:png: the layer serves 'png' itself")]
    [InlineData("Layers:osm:Redirects:jpg", "../png", "Layers:osm:Redirects:jpg: 'jpg' → '../png' must map an extension to an extension")]
    [InlineData("Layers:osm:Metatile:Rows", "4", "Layers:osm:Metatile: 4 rows × 8 columns is not supported; the grains and the .meta store render 8 × 8 metatiles only")]
    [InlineData("Layers:osm:Metatile:Columns", "16", "Layers:osm:Metatile: 8 rows × 16 columns is not supported")]
    [InlineData("Layers:osm:Metatile:Buffer", "600", "Layers:osm:Metatile:Buffer: 600 is outside 0..512 pixels")]
    [InlineData("Layers:Big Map:Provider:Kind", "style", "Layers:Big Map: the layer name must be 1-40 characters of a-z, 0-9, '-' or '_'")]
    [InlineData("Layers:status:Provider:Kind", "style", "Layers:status: 'status' is a path the gateway uses itself")]
    public void Validate_OneMistake_NamesLayerKeyAndProblem(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Layers:osm:MaxZoom"] = "10",
            ["Layers:osm:Bounds:0:West"] = "9.47",
            ["Layers:osm:Bounds:0:South"] = "47.04",
            ["Layers:osm:Bounds:0:East"] = "9.64",
            ["Layers:osm:Bounds:0:North"] = "47.28",
            [key] = value,
        };
        var errors = Validate(settings);
        string message = expected.Replace("{folder}", _folder.FullName, StringComparison.Ordinal);
        Assert.Contains(errors, e => e.StartsWith(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("mvt", "Layers:v:Provider:Format", "svg", "Layers:v:Provider:Format: 'svg' is not a vector format; known: mvt, geojson")]
    [InlineData("geojson", "Layers:v:Provider:Precision", "16", "Layers:v:Provider:Precision: 16 is outside 0..15 decimal digits")]
    [InlineData("geojson", "Layers:v:Provider:Precision", "-1", "Layers:v:Provider:Precision: -1 is outside 0..15 decimal digits")]
    [InlineData("geojson", "Layers:v:Provider:Clipped", "maybe", "Layers:v:Provider:Clipped: 'maybe' is not one of true, padded, false")]
    [InlineData("mvt", "Layers:v:Provider:Properties:0", " ", "Layers:v:Provider:Properties: an entry is empty")]
    [InlineData("geojson", "Layers:v:Provider:Properties:0", "layer", "Layers:v:Provider:Properties: 'layer' cannot be carried in GeoJSON")]
    [InlineData("mvt", "Layers:v:Provider:File", "", "Layers:v:Provider:File is required for a vector provider")]
    [InlineData("mvt", "Layers:v:TileSize", "512", "Layers:v:TileSize: vector tiles have no pixel size")]
    [InlineData("mvt", "Layers:v:Png:Palette256", "true", "Layers:v:Png: a vector layer has no PNG tiles")]
    [InlineData("mvt", "Layers:v:Preview:Ext", "png", "Layers:v:Preview:Ext: 'png' is not a tile extension of this layer (mvt, pbf)")]
    [InlineData("geojson", "Layers:v:Redirects:js", "mvt", "Layers:v:Redirects:js: 'mvt' is not a tile extension of this layer (geojson, json)")]
    public void Validate_VectorLayer_OneMistake_NamesLayerKeyAndProblem(string format, string key, string value, string expected)
    {
        var errors = Validate(new Dictionary<string, string?>
        {
            ["Layers:v:Provider:Kind"] = "vector",
            ["Layers:v:Provider:File"] = "osm.yaml",
            ["Layers:v:Provider:Format"] = format,
            [key] = value,
        });

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("mvt")]
    [InlineData("geojson")]
    public void Validate_VectorLayer_WithDefaults_IsValid(string format)
    {
        Assert.Empty(Validate(new Dictionary<string, string?>
        {
            ["Layers:v:Provider:Kind"] = "vector",
            ["Layers:v:Provider:File"] = "osm.yaml",
            ["Layers:v:Provider:Format"] = format,
            ["Layers:v:Provider:Properties:0"] = "name",
        }));
    }

    [Fact]
    public void Validate_NoLayers_SaysStylesBecameLayers()
    {
        var options = new LayersOptions { BaseDirectory = _folder.FullName };
        var result = new LayersOptionsValidator().Validate(null, options);
        Assert.Contains("the former Styles section is now Layers", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    /// <summary>Binds the settings over a valid <c>osm</c> style layer, as the processes do, and validates.</summary>
    private List<string> Validate(Dictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["BaseDirectory"] = _folder.FullName,
            ["Layers:osm:Provider:Kind"] = "style",
            ["Layers:osm:Provider:File"] = "osm.yaml",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        // A layer named only in the settings gets a valid provider too, so one mistake shows alone.
        foreach (string layer in settings.Keys.Select(k => k.Split(':')[1]).Distinct())
        {
            all.TryAdd($"Layers:{layer}:Provider:Kind", "style");
            all.TryAdd($"Layers:{layer}:Provider:File", "osm.yaml");
        }

        var options = new ConfigurationBuilder().AddInMemoryCollection(all).Build().Get<LayersOptions>()!;
        var result = new LayersOptionsValidator().Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }
}
