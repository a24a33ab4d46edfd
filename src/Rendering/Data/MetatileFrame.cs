using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Rendering.Data;

/// <summary>
/// The Web Mercator geometry of one metatile render: its canvas in device pixels (the metatile
/// plus a buffer on every side) and the matching envelope in EPSG:3857 metres.
/// </summary>
internal readonly record struct MetatileFrame
{
    /// <summary>Half the width of the Web Mercator world in metres.</summary>
    public const double HalfWorld = 20037508.342789244;

    /// <summary>Tile size in CSS pixels at scale 1.</summary>
    public const int BaseTileSize = 256;

    private MetatileFrame(int zoom, int scale, int tilesPerSide, int bufferPx, double minX, double maxY)
    {
        Zoom = zoom;
        Scale = scale;
        TilesPerSide = tilesPerSide;
        TileSizePx = BaseTileSize * scale;
        BufferPx = bufferPx;
        SizePx = TileSizePx * tilesPerSide;
        CanvasSizePx = SizePx + (2 * bufferPx);
        MetresPerPixel = 2 * HalfWorld / ((double)TileSizePx * TileCoord.TilesPerSide(zoom));
        MinX = minX;
        MaxY = maxY;
        MaxX = minX + (CanvasSizePx * MetresPerPixel);
        MinY = maxY - (CanvasSizePx * MetresPerPixel);
        Transform = new PixelTransform(minX, maxY, 1 / MetresPerPixel);
        FilterMinY = MinY;
        FilterMaxY = MaxY;
    }

    // An export: pixel (0, 0) is the rectangle's north-west corner; the envelope adds the buffer.
    private MetatileFrame(int zoom, int scale, int bufferPx, double metresPerPixel, double minX, double minY, double maxX, double maxY)
    {
        Zoom = zoom;
        Scale = scale;
        TilesPerSide = 1;
        TileSizePx = BaseTileSize * scale;
        BufferPx = bufferPx;
        MetresPerPixel = metresPerPixel;
        double buffer = bufferPx * metresPerPixel;
        MinX = minX - buffer;
        MinY = minY - buffer;
        MaxX = maxX + buffer;
        MaxY = maxY + buffer;
        Transform = new PixelTransform(minX, maxY, 1 / metresPerPixel);
        FilterMinY = MinY;
        FilterMaxY = MaxY;
    }

    /// <summary>Tile zoom; style zoom ranges use it.</summary>
    public int Zoom { get; }

    /// <summary>Render scale (1, or 2 for @2x).</summary>
    public int Scale { get; }

    /// <summary>Tiles along one side.</summary>
    public int TilesPerSide { get; }

    /// <summary>Tile size in device pixels.</summary>
    public int TileSizePx { get; }

    /// <summary>Buffer on each side in device pixels.</summary>
    public int BufferPx { get; }

    /// <summary>The metatile proper in device pixels (without buffer).</summary>
    public int SizePx { get; }

    /// <summary>The canvas side in device pixels (with buffer).</summary>
    public int CanvasSizePx { get; }

    /// <summary>Metres per device pixel.</summary>
    public double MetresPerPixel { get; }

    /// <summary>Envelope west edge (buffer included).</summary>
    public double MinX { get; }

    /// <summary>Envelope south edge (buffer included).</summary>
    public double MinY { get; }

    /// <summary>Envelope east edge (buffer included).</summary>
    public double MaxX { get; }

    /// <summary>Envelope north edge (buffer included).</summary>
    public double MaxY { get; }

    /// <summary>Metres to canvas pixels.</summary>
    public PixelTransform Transform { get; }

    /// <summary>South edge of the envelope features are fetched by (the envelope's, except for an export strip).</summary>
    public double FilterMinY { get; private init; }

    /// <summary>North edge of the envelope features are fetched by (the envelope's, except for an export strip).</summary>
    public double FilterMaxY { get; private init; }

    /// <summary>
    /// This export frame narrowed to fetch only the features within <see cref="BufferPx"/> of rows
    /// <paramref name="topPx"/> to <paramref name="topPx"/> + <paramref name="heightPx"/>. The clip
    /// envelope and the pixel grid stay the whole image's, so every feature fetched is the same
    /// geometry, at the same pixels, as in the image rendered in one piece.
    /// </summary>
    public MetatileFrame ForRows(int topPx, int heightPx) => this with
    {
        FilterMaxY = Math.Min(MaxY, Transform.OriginY - ((topPx - BufferPx) * MetresPerPixel)),
        FilterMinY = Math.Max(MinY, Transform.OriginY - ((topPx + heightPx + BufferPx) * MetresPerPixel)),
    };

    /// <summary>
    /// The frame of an arbitrary rectangle (EPSG:3857 metres) drawn at <paramref name="metresPerPixel"/>:
    /// canvas pixel (0, 0) is its north-west corner, and the queried envelope reaches
    /// <paramref name="bufferPx"/> device pixels beyond every edge so features crossing it are drawn.
    /// <see cref="SizePx"/> and <see cref="CanvasSizePx"/> are 0: an export's canvas is not square.
    /// </summary>
    /// <param name="styleZoom">The whole zoom the style's rules are evaluated at.</param>
    /// <param name="scale">Device pixels per CSS pixel.</param>
    public static MetatileFrame ForArea(int styleZoom, int scale, int bufferPx, double metresPerPixel, double minX, double minY, double maxX, double maxY) =>
        new(styleZoom, scale, bufferPx, metresPerPixel, minX, minY, maxX, maxY);

    /// <summary>The frame of <paramref name="key"/> with <paramref name="bufferCssPx"/> (scale-1 pixels) of buffer.</summary>
    public static MetatileFrame For(MetatileKey key, int bufferCssPx)
    {
        var m = key.Metatile;
        int tileSize = BaseTileSize * key.Scale;
        int buffer = bufferCssPx * key.Scale;
        double mpp = 2 * HalfWorld / ((double)tileSize * TileCoord.TilesPerSide(m.Z));
        double minX = -HalfWorld + ((((double)m.X * tileSize) - buffer) * mpp);
        double maxY = HalfWorld - ((((double)m.Y * tileSize) - buffer) * mpp);
        return new MetatileFrame(m.Z, key.Scale, m.TilesPerSide, buffer, minX, maxY);
    }
}
