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
    [InlineData("Layers:osm:Provider:Kind", "mapnik", "Layers:osm:Provider:Kind: 'mapnik' is not a provider kind; known: style, vector, proxy, mbtiles, url, composite, utfgrid")]
    [InlineData("Layers:osm:Provider:Kind", "", "Layers:osm:Provider:Kind is required: one of style, vector, proxy, mbtiles, url, composite, utfgrid")]
    [InlineData("Layers:osm:Provider:Format", "gif", "Layers:osm:Provider:Format: 'gif' is not an image format of a style layer; known: png, jpeg, webp")]
    [InlineData("Layers:osm:Provider:Format", "mvt", "Layers:osm:Provider:Format: 'mvt' is not an image format of a style layer")]
    [InlineData("Layers:osm:Jpeg:Quality", "0", "Layers:osm:Jpeg:Quality: 0 is outside 1..100")]
    [InlineData("Layers:osm:Jpeg:Quality", "101", "Layers:osm:Jpeg:Quality: 101 is outside 1..100")]
    [InlineData("Layers:osm:Webp:Quality", "0", "Layers:osm:Webp:Quality: 0 is outside 1..100")]
    [InlineData("Layers:osm:Png:Compression", "10", "Layers:osm:Png:Compression: 10 is outside zlib's levels 0..9")]
    [InlineData("Layers:osm:Png:Compression", "-1", "Layers:osm:Png:Compression: -1 is outside zlib's levels 0..9")]
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
    [InlineData("Layers:osm:Metatile:Rows", "1", "Layers:osm:Metatile: 1 rows × 8 columns is not supported; the grains and the .meta store render 8 × 8 metatiles only")]
    [InlineData("Layers:osm:Store:Layout", "tiles", "Layers:osm:Store:Layout: 'tiles' is for pass-through layers; a style layer is stored as 8 × 8 metatiles in the 'meta' layout")]
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

    [Theory]
    [InlineData("png", "Layers:p:Provider:Url", "", "Layers:p:Provider:Url is required for a proxy provider (the upstream's tile URL, with {Z}, {X} and {Y})")]
    [InlineData("png", "Layers:p:Provider:Url", "ftp://tiles.example.org/{Z}/{X}/{Y}.png", "Layers:p:Provider:Url: 'ftp://tiles.example.org/{Z}/{X}/{Y}.png' is not an absolute http or https URL")]
    [InlineData("png", "Layers:p:Provider:Url", "tiles/{Z}/{X}/{Y}.png", "Layers:p:Provider:Url: 'tiles/{Z}/{X}/{Y}.png' is not an absolute http or https URL")]
    [InlineData("png", "Layers:p:Provider:Url", "https://tiles.example.org/{Z}/{X}.png", "Layers:p:Provider:Url: 'https://tiles.example.org/{Z}/{X}.png' must contain {Z}, {X} and {Y}")]
    [InlineData("png", "Layers:p:Provider:Url", "https://{s}.tiles.example.org/{Z}/{X}/{Y}.png", "Layers:p:Provider:Url: '{s}' is not a template variable; use {Z}, {X} and {Y}")]
    [InlineData("png", "Layers:p:Provider:Url", "https://tiles.example.org/{Z}/{X}/{Y.png", "Layers:p:Provider:Url: 'https://tiles.example.org/{Z}/{X}/{Y.png' has a '{' without its '}'")]
    [InlineData("png", "Layers:p:Provider:Format", "gif", "Layers:p:Provider:Format: 'gif' is not a pass-through format; known: png, jpeg, webp, mvt, geojson")]
    [InlineData("png", "Layers:p:Provider:Timeout", "00:00:00", "Layers:p:Provider:Timeout: 00:00:00 is outside")]
    [InlineData("png", "Layers:p:Provider:Timeout", "00:10:00", "Layers:p:Provider:Timeout: 00:10:00 is outside")]
    [InlineData("png", "Layers:p:Provider:Retries", "11", "Layers:p:Provider:Retries: 11 is outside 0..10")]
    [InlineData("png", "Layers:p:Provider:Retries", "-1", "Layers:p:Provider:Retries: -1 is outside 0..10")]
    [InlineData("png", "Layers:p:Provider:File", "osm.yaml", "Layers:p:Provider:File: a proxy provider reads no file; its tiles come from Provider:Url")]
    [InlineData("png", "Layers:p:Metatile:Rows", "8", "Layers:p:Metatile: 8 rows × 1 columns is not supported; proxy layers pass tiles through one at a time (1 × 1)")]
    [InlineData("png", "Layers:p:Metatile:Buffer", "64", "Layers:p:Metatile:Buffer: proxy layers render nothing, so they have no buffer")]
    [InlineData("png", "Layers:p:TileSize", "512", "Layers:p:TileSize: proxy layers serve their source's tiles as they are; keep TileSize 256")]
    [InlineData("png", "Layers:p:Png:Palette256", "true", "Layers:p:Png: proxy layers serve their source's tiles as they are and encode no PNG")]
    [InlineData("png", "Layers:p:Store:Layout", "meta", "Layers:p:Store:Layout: 'meta' holds 8 × 8 metatiles; proxy layers use 'tiles' or 'none'")]
    [InlineData("png", "Layers:p:Store:Layout", "s3", "Layers:p:Store:Layout: 's3' is not a store layout; known: meta, tiles, none")]
    [InlineData("jpg", "Layers:p:Preview:Ext", "png", "Layers:p:Preview:Ext: 'png' is not a tile extension of this layer (jpg, jpeg)")]
    [InlineData("webp", "Layers:p:Redirects:png", "jpg", "Layers:p:Redirects:png: 'jpg' is not a tile extension of this layer (webp)")]
    public void Validate_ProxyLayer_OneMistake_NamesLayerKeyAndProblem(string format, string key, string value, string expected)
    {
        var errors = Validate(new Dictionary<string, string?>
        {
            ["Layers:p:Provider:Kind"] = "proxy",
            ["Layers:p:Provider:File"] = string.Empty,
            ["Layers:p:Provider:Url"] = "https://tiles.example.org/{Z}/{X}/{Y}.png",
            ["Layers:p:Provider:Format"] = format,
            [key] = value,
        });

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("jpg")]
    [InlineData("JPG")]
    [InlineData("webp")]
    [InlineData("mvt")]
    [InlineData("geojson")]
    public void Validate_ProxyLayerFormats_AreValid(string format)
    {
        Assert.Empty(Validate(new Dictionary<string, string?>
        {
            ["Layers:p:Provider:Kind"] = "proxy",
            ["Layers:p:Provider:File"] = string.Empty,
            ["Layers:p:Provider:Url"] = "https://tiles.example.org/{Z}/{X}/{Y}",
            ["Layers:p:Provider:Format"] = format,
        }));
    }

    [Theory]
    [InlineData("Layers:m:Provider:File", "", "Layers:m:Provider:File is required for an mbtiles provider (the MBTiles file)")]
    [InlineData("Layers:m:Provider:File", "missing.mbtiles", "Layers:m:Provider:File: '{folder}/missing.mbtiles' does not exist")]
    [InlineData("Layers:m:Store:Layout", "tiles", "Layers:m:Store:Layout: an mbtiles layer reads its tiles from its file, which is a store already; use 'none'")]
    [InlineData("Layers:m:Metatile:Columns", "8", "Layers:m:Metatile: 1 rows × 8 columns is not supported; mbtiles layers pass tiles through one at a time (1 × 1)")]
    [InlineData("Layers:m:TileSize", "512", "Layers:m:TileSize: mbtiles layers serve their source's tiles as they are")]
    public void Validate_MbTilesLayer_OneMistake_NamesLayerKeyAndProblem(string key, string value, string expected)
    {
        File.WriteAllBytes(Path.Combine(_folder.FullName, "tiles.mbtiles"), []);
        var errors = Validate(new Dictionary<string, string?>
        {
            ["Layers:m:Provider:Kind"] = "mbtiles",
            ["Layers:m:Provider:File"] = "tiles.mbtiles",
            [key] = value,
        });

        Assert.Contains(errors, e => e.StartsWith(expected.Replace("{folder}", _folder.FullName, StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.Single(errors);
    }

    [Fact]
    public void Validate_PassThroughLayers_WithDefaults_AreValidAndOneByOne()
    {
        File.WriteAllBytes(Path.Combine(_folder.FullName, "tiles.mbtiles"), []);
        var settings = new Dictionary<string, string?>
        {
            ["Layers:p:Provider:Kind"] = "proxy",
            ["Layers:p:Provider:File"] = string.Empty,
            ["Layers:p:Provider:Url"] = "http://127.0.0.1:8080/osm/{z}/{x}/{y}.png",
            ["Layers:p:Metatile:Rows"] = "1",
            ["Layers:m:Provider:Kind"] = "mbtiles",
            ["Layers:m:Provider:File"] = "tiles.mbtiles",
        };

        Assert.Empty(Validate(settings));
        var options = Bind(settings);
        Assert.Equal("tiles", options.Layers["p"].StoreLayout);
        Assert.Equal("none", options.Layers["m"].StoreLayout);
        Assert.Equal("meta", options.Layers["osm"].StoreLayout);
        Assert.Equal(["png"], options.Layers["p"].Provider.TileExtensions);
    }

    [Theory]
    [InlineData("Layers:u:Provider:Template", "", "Layers:u:Provider:Template is required for a url provider")]
    [InlineData("Layers:u:Provider:Template", "http://wms/?bbox=$xmin,$ymin,$xmax,$ymax&layers=$layer", "Layers:u:Provider:Template: '$layer' is not a template variable; known: $xmin, $ymin, $xmax, $ymax, $width, $height, $srs, $zoom")]
    [InlineData("Layers:u:Provider:Template", "http://wms/?w=${width", "Layers:u:Provider:Template: '${width' has no closing '}'")]
    [InlineData("Layers:u:Provider:Template", "http://wms/?price=$5", "Layers:u:Provider:Template: '$5' is not a template variable")]
    [InlineData("Layers:u:Provider:Template", "http://wms/?a=$", "Layers:u:Provider:Template: a '$' at character 15 is not followed by a variable name")]
    [InlineData("Layers:u:Provider:Template", "ftp://wms/$xmin", "Layers:u:Provider:Template: 'ftp://wms/$xmin' is not an absolute http or https address")]
    [InlineData("Layers:u:Provider:Template", "/osm/export?bbox=$xmin", "Layers:u:Provider:Template: '/osm/export?bbox=$xmin' is not an absolute http or https address")]
    [InlineData("Layers:u:Provider:Timeout", "00:00:00", "Layers:u:Provider:Timeout: 00:00:00 is outside 00:00:00 (exclusive)..00:05:00")]
    [InlineData("Layers:u:Provider:Retries", "11", "Layers:u:Provider:Retries: 11 is outside 0..10")]
    public void Validate_UrlLayer_OneMistake_NamesLayerKeyAndProblem(string key, string value, string expected)
    {
        var errors = Validate(new Dictionary<string, string?>
        {
            ["Layers:u:Provider:Kind"] = "url",
            ["Layers:u:Provider:Template"] = "http://127.0.0.1:8080/osm/export?bbox=${xmin},$ymin,$xmax,$ymax&srs=$srs&width=$width&height=$height&zoom_hint=$zoom",
            [key] = value,
        });

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("Layers:c:Provider:Stack:1:Layer", "nowhere", "Layers:c:Provider:Stack:1:Layer: 'nowhere' is not a configured layer; known: osm, v")]
    [InlineData("Layers:c:Provider:Stack:1:Layer", "v", "Layers:c:Provider:Stack:1:Layer: layer 'v' is a vector layer; a stack takes style, url and composite layers")]
    [InlineData("Layers:c:Provider:Stack:1:Mask", "nowhere", "Layers:c:Provider:Stack:1:Mask: 'nowhere' is not a configured layer")]
    [InlineData("Layers:c:Provider:Stack:1:Color", "#fff", "Layers:c:Provider:Stack:1: give exactly one of Layer (a layer's tiles) or Color (a solid colour)")]
    [InlineData("Layers:c:Provider:Stack:0:Color", "white", "Layers:c:Provider:Stack:0:Color: 'white' is not #rgb, #rrggbb or #rrggbbaa")]
    [InlineData("Layers:c:Provider:Stack:0:Color", "#ffff", "Layers:c:Provider:Stack:0:Color: '#ffff' is not #rgb, #rrggbb or #rrggbbaa")]
    [InlineData("Layers:c:Provider:Stack:0:Opacity", "1.5", "Layers:c:Provider:Stack:0:Opacity: 1.5 is outside 0..1")]
    [InlineData("Layers:c:Provider:Stack:1:Opacity", "-0.1", "Layers:c:Provider:Stack:1:Opacity: -0.1 is outside 0..1")]
    [InlineData("Layers:c:Provider:Stack:1:BlendMode", "burn", "Layers:c:Provider:Stack:1:BlendMode: 'burn' is not a Skia blend mode; known: SrcOver, Multiply")]
    [InlineData("Layers:c:Provider:Stack:1:Layer", "c", "Layers:c:Provider:Stack: the stack is circular: c → c")]
    public void Validate_CompositeLayer_OneMistake_NamesLayerKeyAndProblem(string key, string value, string expected)
    {
        var errors = Validate(new Dictionary<string, string?>
        {
            ["Layers:v:Provider:Kind"] = "vector",
            ["Layers:c:Provider:Kind"] = "composite",
            ["Layers:c:Provider:Stack:0:Color"] = "#ffffff",
            ["Layers:c:Provider:Stack:1:Layer"] = "osm",
            ["Layers:c:Provider:Stack:1:Opacity"] = "0.5",
            ["Layers:c:Provider:Stack:1:BlendMode"] = "multiply",
            [key] = value,
        });

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
        Assert.Single(errors);
    }

    [Fact]
    public void Validate_CompositesThatStackEachOther_NameTheCycleOnEachLayer()
    {
        var errors = Validate(new Dictionary<string, string?>
        {
            ["Layers:a:Provider:Kind"] = "composite",
            ["Layers:a:Provider:Stack:0:Layer"] = "osm",
            ["Layers:a:Provider:Stack:1:Layer"] = "b",
            ["Layers:b:Provider:Kind"] = "composite",
            ["Layers:b:Provider:Stack:0:Color"] = "#000",
            ["Layers:b:Provider:Stack:0:Mask"] = "a",
        });

        Assert.Equal(["Layers:a:Provider:Stack: the stack is circular: a → b → a", "Layers:b:Provider:Stack: the stack is circular: b → a → b"], errors);
    }

    [Fact]
    public void Validate_CompositeOfStyleUrlAndCompositeMembers_IsValid()
    {
        Assert.Empty(Validate(new Dictionary<string, string?>
        {
            ["Layers:u:Provider:Kind"] = "url",
            ["Layers:u:Provider:Template"] = "https://wms.example.org/wms?SERVICE=WMS&REQUEST=GetMap&BBOX=$xmin,$ymin,$xmax,$ymax&CRS=$srs&WIDTH=$width&HEIGHT=$height",
            ["Layers:base:Provider:Kind"] = "composite",
            ["Layers:base:Provider:Stack:0:Layer"] = "osm",
            ["Layers:base:Provider:Stack:1:Layer"] = "u",
            ["Layers:base:Provider:Stack:1:Opacity"] = "0.3",
            ["Layers:base:Provider:Stack:1:BlendMode"] = "Screen",
            ["Layers:top:Provider:Kind"] = "composite",
            ["Layers:top:Provider:Stack:0:Layer"] = "base",
            ["Layers:top:Provider:Stack:1:Color"] = "#00000080",
            ["Layers:top:Provider:Stack:1:Mask"] = "osm",
            ["Layers:top:Provider:Stack:1:BlendMode"] = "multiply",
        }));
    }

    [Fact]
    public void WithDependents_MemberLayer_ReachesCompositesThroughOtherComposites()
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Layers:osm:Provider:Kind"] = "style",
            ["Layers:other:Provider:Kind"] = "style",
            ["Layers:base:Provider:Kind"] = "composite",
            ["Layers:base:Provider:Stack:0:Layer"] = "other",
            ["Layers:base:Provider:Stack:0:Mask"] = "osm",
            ["Layers:top:Provider:Kind"] = "composite",
            ["Layers:top:Provider:Stack:0:Layer"] = "base",
            ["Layers:lone:Provider:Kind"] = "composite",
            ["Layers:lone:Provider:Stack:0:Layer"] = "other",
        }).Build().Get<LayersOptions>()!;

        Assert.Equal(["osm", "base", "top"], LayerStacks.WithDependents(options, ["osm"]));
    }

    [Fact]
    public void Validate_NoLayers_SaysStylesBecameLayers()
    {
        var options = new LayersOptions { BaseDirectory = _folder.FullName };
        var result = new LayersOptionsValidator().Validate(null, options);
        Assert.Contains("the former Styles section is now Layers", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    /// <summary>Binds the settings over a valid <c>osm</c> style layer, as the processes do, and validates.</summary>
    [Theory]
    [InlineData("jpeg", "Layers:s:Png:Palette256", "true", "Layers:s:Png:Palette256: the layer's Provider:Format is jpeg, not png")]
    [InlineData("webp", "Layers:s:Png:Palette256", "false", "Layers:s:Png:Palette256: the layer's Provider:Format is webp, not png")]
    [InlineData("jpeg", "Layers:s:Preview:Ext", "png", "Layers:s:Preview:Ext: 'png' is not a tile extension of this layer (jpg, jpeg)")]
    [InlineData("webp", "Layers:s:Redirects:png", "jpg", "Layers:s:Redirects:png: 'jpg' is not a tile extension of this layer (webp)")]
    public void Validate_JpegOrWebpLayer_OneMistake_NamesLayerKeyAndProblem(string format, string key, string value, string expected)
    {
        var errors = Validate(new Dictionary<string, string?>
        {
            ["Layers:s:Provider:Kind"] = "style",
            ["Layers:s:Provider:File"] = "osm.yaml",
            ["Layers:s:Provider:Format"] = format,
            [key] = value,
        });

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("png", "9", "80")]
    [InlineData("jpeg", "0", "1")]
    [InlineData("jpg", "0", "1")]
    [InlineData("JPEG", "0", "100")]
    [InlineData("webp", "6", "100")]
    public void Validate_StyleLayerFormats_WithTheirSettings_AreValid(string format, string compression, string quality)
    {
        Assert.Empty(Validate(new Dictionary<string, string?>
        {
            ["Layers:s:Provider:Kind"] = "style",
            ["Layers:s:Provider:File"] = "osm.yaml",
            ["Layers:s:Provider:Format"] = format,
            ["Layers:s:Png:Compression"] = compression,
            ["Layers:s:Jpeg:Quality"] = quality,
            ["Layers:s:Webp:Quality"] = quality,
        }));
    }

    [Theory]
    [InlineData("Layers:g:Provider:Resolution", "3", "Layers:g:Provider:Resolution: 3 is not one of 1, 2, 4, 8, 16 (tile pixels per grid cell)")]
    [InlineData("Layers:g:Provider:Resolution", "0", "Layers:g:Provider:Resolution: 0 is not one of 1, 2, 4, 8, 16")]
    [InlineData("Layers:g:Provider:Fields:0", "name; drop table", "Layers:g:Provider:Fields: 'name; drop table' is not a column name (letters, digits, '_' or ':')")]
    [InlineData("Layers:g:Provider:Layers:0", " ", "Layers:g:Provider:Layers: an entry is empty")]
    [InlineData("Layers:g:Provider:Format", "png", "Layers:g:Provider:Format: a utfgrid layer makes UTFGrid JSON only; remove the key")]
    [InlineData("Layers:g:Provider:File", "", "Layers:g:Provider:File is required for a utfgrid provider")]
    [InlineData("Layers:g:TileSize", "512", "Layers:g:TileSize: a utfgrid layer keeps TileSize 256; its grid size follows Provider:Resolution")]
    [InlineData("Layers:g:Png:Compression", "9", "Layers:g:Png: a utfgrid layer has no PNG tiles")]
    [InlineData("Layers:g:Preview:Ext", "png", "Layers:g:Preview:Ext: 'png' is not a tile extension of this layer (grid.json, json)")]
    public void Validate_UtfGridLayer_OneMistake_NamesLayerKeyAndProblem(string key, string value, string expected)
    {
        var errors = Validate(new Dictionary<string, string?>
        {
            ["Layers:g:Provider:Kind"] = "utfgrid",
            ["Layers:g:Provider:File"] = "osm.yaml",
            ["Layers:g:Provider:Fields:0"] = "name",
            [key] = value,
        });

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
        Assert.Single(errors);
    }

    [Fact]
    public void Validate_UtfGridLayer_WithFieldsAndLayers_IsValid()
    {
        Assert.Empty(Validate(new Dictionary<string, string?>
        {
            ["Layers:g:Provider:Kind"] = "utfgrid",
            ["Layers:g:Provider:File"] = "osm.yaml",
            ["Layers:g:Provider:Resolution"] = "8",
            ["Layers:g:Provider:Fields:0"] = "name",
            ["Layers:g:Provider:Fields:1"] = "addr:housenumber",
            ["Layers:g:Provider:Layers:0"] = "buildings",
            ["Layers:g:Preview:Ext"] = "json",
        }));
    }

    private List<string> Validate(Dictionary<string, string?> settings)
    {
        var result = new LayersOptionsValidator().Validate(null, Bind(settings));
        return result.Failed ? [.. result.Failures!] : [];
    }

    /// <summary>Binds the settings over a valid <c>osm</c> style layer, as the processes do.</summary>
    private LayersOptions Bind(Dictionary<string, string?> settings)
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

        return new ConfigurationBuilder().AddInMemoryCollection(all).Build().Get<LayersOptions>()!;
    }
}
