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

    /// <summary>The kind that fetches tiles from another tile server's URL template and keeps them (TileStache's <c>proxy</c>).</summary>
    public const string ProxyKind = "proxy";

    /// <summary>The kind that serves the tiles of an MBTiles file (TileStache's <c>MBTiles</c>).</summary>
    public const string MbTilesKind = "mbtiles";

    /// <summary>The kind that fetches one image per metatile from a WMS-like URL template.</summary>
    public const string UrlKind = "url";

    /// <summary>The kind that blends a stack of other layers and colours (TileStache's sandwich).</summary>
    public const string CompositeKind = "composite";

    /// <summary>
    /// The name of the JPEG format in <see cref="Format"/>, for style and pass-through layers alike;
    /// <c>jpg</c> (the file extension, and MBTiles' <c>format</c>) is read as it.
    /// </summary>
    public const string JpegFormat = "jpeg";

    /// <summary>The vector formats.</summary>
    public static IReadOnlyList<string> VectorFormats { get; } = ["mvt", "geojson"];

    /// <summary>The image formats of a style layer.</summary>
    public static IReadOnlyList<string> ImageFormats { get; } = ["png", "jpeg", "webp"];

    /// <summary>The UTFGrid resolutions: tile pixels per grid cell (4 makes a 64 × 64 grid of a 256 px tile).</summary>
    public static IReadOnlyList<int> Resolutions { get; } = [1, 2, 4, 8, 16];

    /// <summary>The values of <see cref="Clipped"/>, TileStache's.</summary>
    public static IReadOnlyList<string> ClippedValues { get; } = ["true", "padded", "false"];

    /// <summary>The formats of pass-through tiles (<c>proxy</c> and <c>mbtiles</c>).</summary>
    public static IReadOnlyList<string> PassThroughFormats { get; } = ["png", JpegFormat, "webp", "mvt", "geojson"];

    /// <summary>The provider kinds built so far.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [StyleKind, VectorKind, ProxyKind, MbTilesKind, UrlKind, CompositeKind, UtfGridKind];

    /// <summary>The provider kind: one of <see cref="Kinds"/>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>
    /// For <c>style</c>, <c>vector</c> and <c>utfgrid</c>: the style file (YAML); for <c>mbtiles</c>: the MBTiles
    /// file. Relative to the configuration file's folder.
    /// </summary>
    public string? File { get; set; }

    /// <summary>
    /// For <c>vector</c>: <c>mvt</c> (Mapbox Vector Tiles, served as <c>.mvt</c> and <c>.pbf</c>;
    /// the default) or <c>geojson</c> (<c>.geojson</c> and <c>.json</c>). For <c>style</c>: <c>png</c>
    /// (the default), <c>jpeg</c> (<c>.jpg</c> and <c>.jpeg</c>) or <c>webp</c>; a style layer stores
    /// and serves one format. For <c>proxy</c>: what
    /// the upstream serves, one of <see cref="PassThroughFormats"/> (default <c>png</c>). For
    /// <c>mbtiles</c>: read from the file's <c>metadata</c> table. Stored as
    /// <see cref="NormalizeFormat"/> gives it, so <c>jpg</c>, <c>JPEG</c> and <c>jpeg</c> are one format.
    /// </summary>
    public string? Format { get; set => field = NormalizeFormat(value); }

    /// <summary>The format of a rendered layer: <see cref="Format"/>, or the kind's default (<c>mvt</c> for vector, <c>png</c> for style).</summary>
    public string EffectiveFormat => Format ?? (IsVector ? "mvt" : IsUtfGrid ? "utfgrid" : "png");

    /// <summary>For <c>utfgrid</c>: tile pixels per grid cell, one of 1, 2, 4, 8, 16.</summary>
    public int Resolution { get; set; } = 4;

    /// <summary>For <c>utfgrid</c>: the columns each feature carries in the grid's <c>data</c> (added to its style layer's query).</summary>
    public List<string> Fields { get; set; } = [];

    /// <summary>For <c>utfgrid</c>: the style layers that take part, by name; empty: every layer of the style.</summary>
    public List<string> Layers { get; set; } = [];

    /// <summary>
    /// For <c>proxy</c>: the upstream's tile URL, with <c>{Z}</c>, <c>{X}</c> and <c>{Y}</c>
    /// (TileStache's names; lower case works too), such as <c>https://tiles.example.org/{Z}/{X}/{Y}.png</c>.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>For <c>proxy</c> and <c>url</c>: how long one attempt at the upstream may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// For <c>proxy</c>: a URL or e-mail address for the upstream's operators, sent in the
    /// User-Agent (<c>TileCluster/1.0.0 (+https://maps.example.org/about)</c>), as tile usage
    /// policies such as OpenStreetMap's ask.
    /// </summary>
    public string? Contact { get; set; }

    /// <summary>For <c>proxy</c> and <c>url</c>: further attempts after a failed or timed-out one (an upstream 404 is not retried; <c>url</c> retries connection errors, timeouts, 5xx and 429 only).</summary>
    public int Retries { get; set; } = 2;

    /// <summary>For <c>vector</c>: the columns carried as feature properties (each style layer keeps those it reads); empty carries every column the style reads.</summary>
    public List<string> Properties { get; set; } = [];

    /// <summary>For <c>vector</c> GeoJSON: decimal digits of the coordinates.</summary>
    public int Precision { get; set; } = 6;

    /// <summary>For <c>vector</c> GeoJSON: <c>true</c> cuts features at the tile edge, <c>padded</c> at the edge plus a 4 px buffer, <c>false</c> keeps whole features.</summary>
    public string Clipped { get; set; } = "true";

    /// <summary>
    /// For <c>url</c>: the address of one image of a metatile and its buffer, with <c>$xmin</c>, <c>$ymin</c>,
    /// <c>$xmax</c>, <c>$ymax</c> (EPSG:3857 metres), <c>$width</c>, <c>$height</c> (pixels), <c>$srs</c>
    /// (<c>EPSG:3857</c>) and <c>$zoom</c> substituted (<see cref="LayerUrlTemplate"/>).
    /// </summary>
    public string? Template { get; set; }

    /// <summary>For <c>composite</c>: the members, bottom first.</summary>
    public List<LayerStackMemberOptions> Stack { get; set; } = [];

    /// <summary>Whether this provider renders images pixel by pixel per metatile (<c>style</c>, <c>url</c>, <c>composite</c>), so it can be a composite's member or mask.</summary>
    public bool IsRaster => Kind is StyleKind or UrlKind or CompositeKind;

    /// <summary>The extensions of raster tiles.</summary>
    public static IReadOnlyList<string> PngExtensions { get; } = ["png"];

    /// <summary>The extensions of UTFGrid tiles, the canonical one first (<c>{y}.grid.json</c> or <c>{y}.json</c>).</summary>
    public static IReadOnlyList<string> UtfGridExtensions { get; } = ["grid.json", "json"];

    /// <summary>The extensions of Mapbox Vector Tiles, the canonical one first.</summary>
    public static IReadOnlyList<string> MvtExtensions { get; } = ["mvt", "pbf"];

    /// <summary>The extensions of GeoJSON tiles, the canonical one first.</summary>
    public static IReadOnlyList<string> GeoJsonExtensions { get; } = ["geojson", "json"];

    /// <summary>The extensions of JPEG tiles, the canonical one first.</summary>
    public static IReadOnlyList<string> JpegExtensions { get; } = ["jpg", "jpeg"];

    /// <summary>The extensions of WebP tiles.</summary>
    public static IReadOnlyList<string> WebPExtensions { get; } = ["webp"];

    /// <summary>The extensions of the tiles this provider makes, the canonical one first.</summary>
    public IReadOnlyList<string> TileExtensions => Kind switch
    {
        VectorKind => Format == "geojson" ? GeoJsonExtensions : MvtExtensions,
        UtfGridKind => UtfGridExtensions,
        _ => EffectiveFormat switch
        {
            JpegFormat => JpegExtensions,
            "webp" => WebPExtensions,
            "mvt" => MvtExtensions,
            "geojson" => GeoJsonExtensions,
            _ => PngExtensions,
        },
    };

    /// <summary>Whether this provider makes vector tiles.</summary>
    public bool IsVector => Kind == VectorKind;

    /// <summary>Whether this provider makes UTFGrid interactivity grids.</summary>
    public bool IsUtfGrid => Kind == UtfGridKind;

    /// <summary>Whether this provider passes tiles through from a source (<c>proxy</c>, <c>mbtiles</c>) rather than rendering them.</summary>
    public bool IsPassThrough => Kind is ProxyKind or MbTilesKind;

    /// <summary>The format of a pass-through layer's tiles: <see cref="Format"/>, <c>png</c> when unset.</summary>
    public string PassThroughFormat => Format ?? "png";

    /// <summary>
    /// A format name as the providers compare it: trimmed, lower case, and <c>jpg</c> read as
    /// <see cref="JpegFormat"/>, so a configuration may name JPEG either way (TileStache and MBTiles
    /// say <c>jpg</c>, media types and the <c>Jpeg</c> section <c>jpeg</c>). Other names are kept
    /// (trimmed, lower case) for the validator to judge; null stays null (the kind's default).
    /// </summary>
    public static string? NormalizeFormat(string? format)
    {
        if (format is null)
        {
            return null;
        }

        string name = format.Trim().ToLowerInvariant();
        return name == "jpg" ? JpegFormat : name;
    }
}
