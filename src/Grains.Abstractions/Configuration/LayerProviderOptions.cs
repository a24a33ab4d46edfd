namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>
/// <c>Layers:{name}:Provider</c>: what makes a layer's tiles. <see cref="Kind"/> picks the provider;
/// the other keys belong to that kind.
/// </summary>
public sealed class LayerProviderOptions
{
    /// <summary>The kind that renders a YAML style from PostGIS (today's renderer).</summary>
    public const string StyleKind = "style";

    /// <summary>The kind that makes vector tiles (MVT or GeoJSON) from a YAML style's layer queries.</summary>
    public const string VectorKind = "vector";

    /// <summary>The kind that makes UTFGrid interactivity grids (TileStache's "mapnik grid") from a YAML style's layer queries.</summary>
    public const string UtfGridKind = "utfgrid";

    /// <summary>The vector formats.</summary>
    public static IReadOnlyList<string> VectorFormats { get; } = ["mvt", "geojson"];

    /// <summary>The image formats of a style layer.</summary>
    public static IReadOnlyList<string> ImageFormats { get; } = ["png", "jpeg", "webp"];

    /// <summary>The UTFGrid resolutions: tile pixels per grid cell (4 makes a 64 × 64 grid of a 256 px tile).</summary>
    public static IReadOnlyList<int> Resolutions { get; } = [1, 2, 4, 8, 16];

    /// <summary>The values of <see cref="Clipped"/>, TileStache's.</summary>
    public static IReadOnlyList<string> ClippedValues { get; } = ["true", "padded", "false"];

    /// <summary>The provider kinds built so far.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [StyleKind, VectorKind, UtfGridKind];

    /// <summary>The provider kind: <c>style</c>, <c>vector</c> or <c>utfgrid</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>For <c>style</c>, <c>vector</c> and <c>utfgrid</c>: the style file (YAML), relative to the configuration file's folder.</summary>
    public string? File { get; set; }

    /// <summary>
    /// For <c>vector</c>: <c>mvt</c> (Mapbox Vector Tiles, served as <c>.mvt</c> and <c>.pbf</c>; the default) or
    /// <c>geojson</c> (<c>.geojson</c> and <c>.json</c>). For <c>style</c>: <c>png</c> (the default), <c>jpeg</c>
    /// (<c>.jpg</c> and <c>.jpeg</c>) or <c>webp</c>; a layer stores and serves one format.
    /// </summary>
    public string? Format { get; set; }

    /// <summary>The format in effect: <see cref="Format"/>, or the kind's default (<c>mvt</c> for vector, <c>png</c> for style).</summary>
    public string EffectiveFormat => Format ?? (IsVector ? "mvt" : IsUtfGrid ? "utfgrid" : "png");

    /// <summary>For <c>utfgrid</c>: tile pixels per grid cell, one of 1, 2, 4, 8, 16.</summary>
    public int Resolution { get; set; } = 4;

    /// <summary>For <c>utfgrid</c>: the columns each feature carries in the grid's <c>data</c> (added to its style layer's query).</summary>
    public List<string> Fields { get; set; } = [];

    /// <summary>For <c>utfgrid</c>: the style layers that take part, by name; empty: every layer of the style.</summary>
    public List<string> Layers { get; set; } = [];

    /// <summary>For <c>vector</c>: the columns carried as feature properties (each style layer keeps those it reads); empty carries every column the style reads.</summary>
    public List<string> Properties { get; set; } = [];

    /// <summary>For <c>vector</c> GeoJSON: decimal digits of the coordinates.</summary>
    public int Precision { get; set; } = 6;

    /// <summary>For <c>vector</c> GeoJSON: <c>true</c> cuts features at the tile edge, <c>padded</c> at the edge plus a 4 px buffer, <c>false</c> keeps whole features.</summary>
    public string Clipped { get; set; } = "true";

    /// <summary>The extensions of raster tiles.</summary>
    public static IReadOnlyList<string> PngExtensions { get; } = ["png"];

    /// <summary>The extensions of JPEG tiles, the canonical one first.</summary>
    public static IReadOnlyList<string> JpegExtensions { get; } = ["jpg", "jpeg"];

    /// <summary>The extensions of WebP tiles.</summary>
    public static IReadOnlyList<string> WebpExtensions { get; } = ["webp"];

    /// <summary>The extensions of UTFGrid tiles, the canonical one first (<c>{y}.grid.json</c> or <c>{y}.json</c>).</summary>
    public static IReadOnlyList<string> UtfGridExtensions { get; } = ["grid.json", "json"];

    /// <summary>The extensions of Mapbox Vector Tiles, the canonical one first.</summary>
    public static IReadOnlyList<string> MvtExtensions { get; } = ["mvt", "pbf"];

    /// <summary>The extensions of GeoJSON tiles, the canonical one first.</summary>
    public static IReadOnlyList<string> GeoJsonExtensions { get; } = ["geojson", "json"];

    /// <summary>The extensions of the tiles this provider makes, the canonical one first.</summary>
    public IReadOnlyList<string> TileExtensions => EffectiveFormat switch
    {
        "geojson" => GeoJsonExtensions,
        "mvt" => MvtExtensions,
        "utfgrid" => UtfGridExtensions,
        "jpeg" => JpegExtensions,
        "webp" => WebpExtensions,
        _ => PngExtensions,
    };

    /// <summary>Whether this provider makes vector tiles.</summary>
    public bool IsVector => Kind == VectorKind;

    /// <summary>Whether this provider makes UTFGrid interactivity grids.</summary>
    public bool IsUtfGrid => Kind == UtfGridKind;

    /// <summary>Whether this provider renders images (PNG, JPEG or WebP), which exports, the raster preview and <c>@2x</c> need.</summary>
    public bool MakesImages => !IsVector && !IsUtfGrid;
}
