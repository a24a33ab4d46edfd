namespace TileCluster.Grains.Abstractions.Export;

/// <summary>
/// One exact rectangle of a style's map as one image: the rectangle in Web Mercator (EPSG:3857)
/// metres, drawn at <see cref="WidthPx"/> x <see cref="HeightPx"/> device pixels. The gateway has
/// validated it and checked it against the export limits.
/// </summary>
/// <param name="Style">The style's URL name.</param>
/// <param name="MinX">West edge, EPSG:3857 metres.</param>
/// <param name="MinY">South edge, EPSG:3857 metres.</param>
/// <param name="MaxX">East edge, EPSG:3857 metres.</param>
/// <param name="MaxY">North edge, EPSG:3857 metres.</param>
/// <param name="WidthPx">Image width in device pixels.</param>
/// <param name="HeightPx">Image height in device pixels.</param>
/// <param name="Zoom">Web-map zoom (may be fractional); the style's rules use its whole part.</param>
/// <param name="Ratio">Device pixels per CSS pixel (2 for a <c>@2x</c> image): line widths and text grow with it.</param>
/// <param name="Format">The encoding.</param>
/// <param name="Dpi">PDF and SVG page size: pixels / dpi inches.</param>
/// <param name="Attribution">Draw "© OpenStreetMap contributors" in the bottom-right corner.</param>
[GenerateSerializer]
[Immutable]
public sealed record ExportRequest(
    string Style,
    double MinX,
    double MinY,
    double MaxX,
    double MaxY,
    int WidthPx,
    int HeightPx,
    double Zoom,
    int Ratio,
    ExportFormat Format,
    double Dpi,
    bool Attribution);
