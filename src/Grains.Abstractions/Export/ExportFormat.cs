namespace TileCluster.Grains.Abstractions.Export;

/// <summary>The encodings an export can be written in.</summary>
public enum ExportFormat
{
    /// <summary>32-bit RGBA PNG.</summary>
    Png = 0,

    /// <summary>JPEG (no transparency).</summary>
    Jpeg = 1,

    /// <summary>A one-page PDF with vector paths and real text.</summary>
    Pdf = 2,

    /// <summary>An SVG document with vector paths and text.</summary>
    Svg = 3,

    /// <summary>An RGBA GeoTIFF georeferenced in EPSG:3857.</summary>
    GeoTiff = 4,
}
