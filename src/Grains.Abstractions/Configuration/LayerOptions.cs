namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>
/// One entry of the <c>Layers</c> section: a layer served under its URL name, with the provider
/// that makes its tiles and the settings TileStache users know from its layer configuration.
/// </summary>
public sealed class LayerOptions
{
    /// <summary>The default attribution: OpenStreetMap's data licence.</summary>
    public const string DefaultAttribution = "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";

    /// <summary>What makes the layer's tiles.</summary>
    public LayerProviderOptions Provider { get; set; } = new();

    /// <summary>Title shown on the preview and index pages and in TileJSON's <c>name</c>; the URL name when unset.</summary>
    public string? Title { get; set; }

    /// <summary>Attribution shown on the map (HTML allowed).</summary>
    public string Attribution { get; set; } = DefaultAttribution;

    /// <summary>Lowest zoom served.</summary>
    public int MinZoom { get; set; }

    /// <summary>Highest zoom served.</summary>
    public int MaxZoom { get; set; } = 19;

    /// <summary>Boxes the layer covers; a tile that meets none of them is 404 and never rendered. Empty: the world.</summary>
    public List<LayerBoundsOptions> Bounds { get; set; } = [];

    /// <summary>The preview page's initial view; the middle of the bounds when unset.</summary>
    public LayerPreviewOptions Preview { get; set; } = new();

    /// <summary>Origins allowed by CORS for this layer's URLs; empty falls back to <c>Http:CorsOrigins</c>; <c>*</c> allows any.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Overrides the max-age of <c>Http:CacheControl</c> for this layer's fresh tiles.</summary>
    public TimeSpan? MaxCacheAge { get; set; }

    /// <summary>The gateway cache chain this layer's tiles pass through: a name under <c>Cache:Chains</c>.</summary>
    public string Cache { get; set; } = "default";

    /// <summary>
    /// How long a stored metatile stays fresh (TileStache's cache lifespan): older, it counts as
    /// expired, is served stale and rendered again like an expired one. Unset: fresh until expired.
    /// </summary>
    public TimeSpan? CacheLifespan { get; set; }

    /// <summary>
    /// How long a render waits for another silo's lock on the same metatile before it takes the
    /// lock as stale and renders anyway (TileStache's stale lock timeout).
    /// </summary>
    public TimeSpan StaleLockTimeout { get; set; } = DefaultStaleLockTimeout;

    /// <summary>The default of <see cref="StaleLockTimeout"/>.</summary>
    public static TimeSpan DefaultStaleLockTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether rendered tiles are kept (tile store and the gateway's hot cache); false renders every request afresh.</summary>
    public bool WriteCache { get; set; } = true;

    /// <summary>Pixels along a tile's side: 256, or 512 (rendered at scale 2, the tiles <c>@2x</c> serves for 256 px layers).</summary>
    public int TileSize { get; set; } = 256;

    /// <summary>PNG encoding.</summary>
    public LayerPngOptions Png { get; set; } = new();

    /// <summary>JPEG encoding, for a style layer with <c>Provider:Format</c> <c>jpeg</c>.</summary>
    public LayerJpegOptions Jpeg { get; set; } = new();

    /// <summary>WebP encoding, for a style layer with <c>Provider:Format</c> <c>webp</c>.</summary>
    public LayerWebpOptions Webp { get; set; } = new();

    /// <summary>Per-extension redirects: a request for a tile with the key's extension is redirected (302) to the value's.</summary>
    public Dictionary<string, string> Redirects { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The metatile the layer renders in.</summary>
    public LayerMetatileOptions Metatile { get; set; } = new();

    /// <summary>How the silo keeps the layer's tiles on disk.</summary>
    public LayerStoreOptions Store { get; set; } = new();

    /// <summary>The disk layout in effect: <see cref="LayerStoreOptions.Layout"/>, or the provider kind's default.</summary>
    public string StoreLayout => Store.Layout ?? Provider.Kind switch
    {
        LayerProviderOptions.ProxyKind => LayerStoreOptions.TilesLayout,
        LayerProviderOptions.MbTilesKind => LayerStoreOptions.NoneLayout,
        _ => LayerStoreOptions.MetaLayout,
    };

    /// <summary>Whether fetched tiles are kept as plain files (the <c>tiles</c> layout, with <see cref="WriteCache"/> on).</summary>
    public bool KeepsTileFiles => WriteCache && StoreLayout == LayerStoreOptions.TilesLayout;

    /// <summary>The tile extension the preview, the index page and TileJSON show.</summary>
    public string PreviewExtension => Preview.Ext ?? Provider.TileExtensions[0];

    /// <summary>The render scale of this layer's plain tiles: 1 for 256 px, 2 for 512 px.</summary>
    public int Scale => TileSize / 256;
}
