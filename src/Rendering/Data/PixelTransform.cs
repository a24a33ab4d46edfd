namespace TileCluster.Rendering.Data;

/// <summary>Maps EPSG:3857 metres to device pixels of one canvas (y grows downwards).</summary>
/// <param name="OriginX">Easting of the canvas's left edge.</param>
/// <param name="OriginY">Northing of the canvas's top edge.</param>
/// <param name="PixelsPerMetre">Device pixels per metre.</param>
internal readonly record struct PixelTransform(double OriginX, double OriginY, double PixelsPerMetre)
{
    /// <summary>Device x of easting <paramref name="x"/>.</summary>
    public double X(double x) => (x - OriginX) * PixelsPerMetre;

    /// <summary>Device y of northing <paramref name="y"/>.</summary>
    public double Y(double y) => (OriginY - y) * PixelsPerMetre;
}
