using System.Globalization;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Gateway.Export;

/// <summary>
/// The export maths in one place: WGS84 to Web Mercator metres, and zoom, scale and pixel size
/// to one another (256 CSS px tiles; the ratio multiplies device pixels, not the zoom).
/// </summary>
internal static class ExportGeometry
{
    /// <summary>Half the width of the Web Mercator world in metres.</summary>
    public const double HalfWorld = WebMercator.HalfWorld;

    /// <summary>The OGC standard rendering pixel in metres (0.28 mm).</summary>
    public const double StandardPixelMetres = 0.00028;

    /// <summary>Longitude in degrees to EPSG:3857 x.</summary>
    public static double X(double longitude) => WebMercator.X(longitude);

    /// <summary>Latitude in degrees to EPSG:3857 y.</summary>
    public static double Y(double latitude) => WebMercator.Y(latitude);

    /// <summary>Metres per CSS pixel along the Mercator axes at <paramref name="zoom"/>.</summary>
    public static double MetresPerCssPixel(double zoom) => 2 * HalfWorld / (256 * Math.Pow(2, zoom));

    /// <summary>
    /// The zoom whose ground resolution at <paramref name="latitude"/> is one standard 0.28 mm
    /// pixel at 1:<paramref name="scale"/>: 156543.034 · cos φ / 2^z = scale · 0.00028.
    /// </summary>
    public static double ZoomForScale(double scale, double latitude) =>
        Math.Log2(2 * HalfWorld / 256 * Math.Cos(latitude * Math.PI / 180) / (scale * StandardPixelMetres));

    /// <summary>Resolves <paramref name="query"/> into the rectangle, its pixel size and its zoom.</summary>
    public static ExportRequest Resolve(string style, in ExportQuery query)
    {
        double minX = X(query.West), maxX = X(query.East), minY = Y(query.South), maxY = Y(query.North);
        double widthMetres = maxX - minX, heightMetres = maxY - minY;
        double metresPerDevicePixel;
        if (query.Zoom is { } zoom)
        {
            metresPerDevicePixel = MetresPerCssPixel(zoom) / query.Ratio;
        }
        else if (query.Scale is { } scale)
        {
            metresPerDevicePixel = MetresPerCssPixel(ZoomForScale(scale, (query.South + query.North) / 2)) / query.Ratio;
        }
        else
        {
            // Width and/or height: the image fits inside them, keeping the box's Mercator aspect.
            double byWidth = query.Width is { } w ? widthMetres / w : 0;
            double byHeight = query.Height is { } h ? heightMetres / h : 0;
            metresPerDevicePixel = Math.Max(byWidth, byHeight);
        }

        int widthPx = PixelCount(widthMetres / metresPerDevicePixel);
        int heightPx = PixelCount(heightMetres / metresPerDevicePixel);
        double resolvedZoom = Math.Log2(2 * HalfWorld / (256 * metresPerDevicePixel * query.Ratio));
        return new ExportRequest(style, minX, minY, maxX, maxY, widthPx, heightPx, resolvedZoom, query.Ratio, query.Format, query.Dpi, query.Attribution);
    }

    /// <summary>The download's file name: <c>osm-W_S_E_N-zZ.ext</c>, ASCII only.</summary>
    public static string FileName(in ExportQuery query, double zoom) => string.Create(
        CultureInfo.InvariantCulture,
        $"osm-{query.West:0.######}_{query.South:0.######}_{query.East:0.######}_{query.North:0.######}-z{zoom:0.##}.{Extension(query.Format)}");

    /// <summary>The file extension of <paramref name="format"/>.</summary>
    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Jpeg => "jpg",
        ExportFormat.Pdf => "pdf",
        ExportFormat.Svg => "svg",
        ExportFormat.GeoTiff => "tif",
        _ => "png",
    };

    /// <summary>The Content-Type of <paramref name="format"/>.</summary>
    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Jpeg => "image/jpeg",
        ExportFormat.Pdf => "application/pdf",
        ExportFormat.Svg => "image/svg+xml",
        ExportFormat.GeoTiff => "image/tiff",
        _ => "image/png",
    };

    // Sizes beyond int are clamped so the limit check reports them rather than overflowing.
    private static int PixelCount(double pixels) => (int)Math.Clamp(Math.Round(pixels), 1, int.MaxValue);
}
