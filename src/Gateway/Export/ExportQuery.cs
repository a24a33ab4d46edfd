using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Gateway.Export;

/// <summary>
/// The parsed query of <c>GET /{style}/export</c>: a bounding box (WGS84 degrees, or EPSG:3857 metres
/// with <c>srs=EPSG:3857</c>) and exactly one way to
/// size it (zoom, scale, or width and/or height). Created only by <see cref="TryParse"/>, so an
/// invalid box or an ambiguous size never gets past the gateway.
/// </summary>
internal readonly record struct ExportQuery
{
    /// <summary>Web Mercator's latitude limit in degrees.</summary>
    public const double MaxLatitude = 85.0511;

    /// <summary>Highest zoom an export may name.</summary>
    public const double MaxZoom = 24;

    private ExportQuery(double west, double south, double east, double north, double? zoom, double? scale, int? width, int? height, ExportFormat format, double dpi, int ratio, bool attribution)
    {
        West = west;
        South = south;
        East = east;
        North = north;
        Zoom = zoom;
        Scale = scale;
        Width = width;
        Height = height;
        Format = format;
        Dpi = dpi;
        Ratio = ratio;
        Attribution = attribution;
    }

    public double West { get; }

    public double South { get; }

    public double East { get; }

    public double North { get; }

    /// <summary>The requested zoom, if the size was given as a zoom.</summary>
    public double? Zoom { get; }

    /// <summary>The requested scale denominator, if the size was given as a scale.</summary>
    public double? Scale { get; }

    /// <summary>The requested width in pixels, if given.</summary>
    public int? Width { get; }

    /// <summary>The requested height in pixels, if given.</summary>
    public int? Height { get; }

    public ExportFormat Format { get; }

    /// <summary>Pixels per inch of a PDF or SVG page.</summary>
    public double Dpi { get; }

    /// <summary>Device pixels per CSS pixel (1..4).</summary>
    public int Ratio { get; }

    public bool Attribution { get; }

    /// <summary>The query field the size came from, for error messages.</summary>
    public string SizeField => Zoom is not null ? "zoom" : Scale is not null ? "scale" : Width is not null ? "width" : "height";

    /// <summary>Parses and validates the query fields; <paramref name="error"/> names the bad field.</summary>
    public static bool TryParse(
        string? bbox, string? zoom, string? scale, string? width, string? height, string? format, string? dpi, string? ratio, string? attribution,
        out ExportQuery query, [NotNullWhen(false)] out string? error, string? srs = null)
    {
        query = default;
        bool metres;
        switch (srs?.ToUpperInvariant())
        {
            case null or "EPSG:4326":
                metres = false;
                break;
            case "EPSG:3857" or "EPSG:900913":
                metres = true;
                break;
            default:
                error = $"srs '{srs}' is not supported: EPSG:4326 (bbox in degrees, the default) or EPSG:3857 (bbox in Web Mercator metres, as WMS clients send)";
                return false;
        }

        double west, south, east, north;
        if (!(metres ? TryParseMetreBbox(bbox, out west, out south, out east, out north, out error) : TryParseBbox(bbox, out west, out south, out east, out north, out error)))
        {
            return false;
        }

        bool hasZoom = zoom is not null, hasScale = scale is not null, hasSize = width is not null || height is not null;
        if (hasZoom && hasScale)
        {
            error = "zoom and scale are exclusive: give one of zoom, scale, or width/height";
            return false;
        }

        if ((hasZoom || hasScale) && hasSize)
        {
            error = $"{(hasZoom ? "zoom" : "scale")} and width/height are exclusive: give one of zoom, scale, or width/height";
            return false;
        }

        if (!hasZoom && !hasScale && !hasSize)
        {
            error = "zoom, scale, width or height is required";
            return false;
        }

        double? zoomValue = null, scaleValue = null;
        int? widthValue = null, heightValue = null;
        if (hasZoom)
        {
            if (!TryNumber(zoom, out double z) || z < 0 || z > MaxZoom)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"zoom must be a number within 0..{MaxZoom}");
                return false;
            }

            zoomValue = z;
        }

        if (hasScale)
        {
            if (!TryNumber(scale, out double s) || s < 1 || s > 1e9)
            {
                error = "scale must be a denominator within 1..1000000000 (e.g. 25000 for 1:25000)";
                return false;
            }

            scaleValue = s;
        }

        if (width is not null)
        {
            if (!int.TryParse(width, NumberStyles.None, CultureInfo.InvariantCulture, out int w) || w < 1)
            {
                error = "width must be a positive whole number of pixels";
                return false;
            }

            widthValue = w;
        }

        if (height is not null)
        {
            if (!int.TryParse(height, NumberStyles.None, CultureInfo.InvariantCulture, out int h) || h < 1)
            {
                error = "height must be a positive whole number of pixels";
                return false;
            }

            heightValue = h;
        }

        if (!TryParseFormat(format, out var formatValue))
        {
            error = "format must be one of png, jpeg, pdf, svg, geotiff";
            return false;
        }

        double dpiValue = 96;
        if (dpi is not null && (!TryNumber(dpi, out dpiValue) || dpiValue < 1 || dpiValue > 2400))
        {
            error = "dpi must be a number within 1..2400";
            return false;
        }

        int ratioValue = 1;
        if (ratio is not null && (!int.TryParse(ratio, NumberStyles.None, CultureInfo.InvariantCulture, out ratioValue) || ratioValue is < 1 or > 4))
        {
            error = "ratio must be 1, 2, 3 or 4";
            return false;
        }

        bool attributionValue = true;
        if (attribution is not null && !bool.TryParse(attribution, out attributionValue))
        {
            error = "attribution must be true or false";
            return false;
        }

        query = new ExportQuery(west, south, east, north, zoomValue, scaleValue, widthValue, heightValue, formatValue, dpiValue, ratioValue, attributionValue);
        return true;
    }

    /// <summary>Parses <c>west,south,east,north</c> and checks it with <see cref="CheckBbox"/>.</summary>
    internal static bool TryParseBbox(string? text, out double west, out double south, out double east, out double north, [NotNullWhen(false)] out string? error)
    {
        west = south = east = north = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "bbox is required: bbox=west,south,east,north in WGS84 degrees";
            return false;
        }

        var parts = text.Split(',');
        if (parts.Length != 4 || !TryNumber(parts[0], out west) || !TryNumber(parts[1], out south) || !TryNumber(parts[2], out east) || !TryNumber(parts[3], out north))
        {
            error = "bbox must be four numbers: west,south,east,north in WGS84 degrees";
            return false;
        }

        error = CheckBbox(west, south, east, north);
        return error is null;
    }

    /// <summary>Parses <c>xmin,ymin,xmax,ymax</c> in EPSG:3857 metres into degrees; the box must lie within the Web Mercator square.</summary>
    internal static bool TryParseMetreBbox(string? text, out double west, out double south, out double east, out double north, [NotNullWhen(false)] out string? error)
    {
        west = south = east = north = 0;
        var parts = (text ?? string.Empty).Split(',');
        if (parts.Length != 4 || !TryNumber(parts[0], out double xMin) || !TryNumber(parts[1], out double yMin) || !TryNumber(parts[2], out double xMax) || !TryNumber(parts[3], out double yMax))
        {
            error = "bbox must be four numbers: xmin,ymin,xmax,ymax in EPSG:3857 metres (srs=EPSG:3857)";
            return false;
        }

        // A metre of slack: a template's numbers are printed to nine decimals.
        double limit = WebMercator.HalfWorld + 1;
        if (Math.Abs(xMin) > limit || Math.Abs(xMax) > limit || Math.Abs(yMin) > limit || Math.Abs(yMax) > limit)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"bbox coordinates must be within ±{WebMercator.HalfWorld:0.###} metres (EPSG:3857)");
            return false;
        }

        if (!(xMin < xMax) || !(yMin < yMax))
        {
            error = "bbox is empty or inverted: xmin must be less than xmax and ymin less than ymax";
            return false;
        }

        west = WebMercator.Longitude(Math.Clamp(xMin, -WebMercator.HalfWorld, WebMercator.HalfWorld));
        east = WebMercator.Longitude(Math.Clamp(xMax, -WebMercator.HalfWorld, WebMercator.HalfWorld));
        south = WebMercator.Latitude(Math.Clamp(yMin, -WebMercator.HalfWorld, WebMercator.HalfWorld));
        north = WebMercator.Latitude(Math.Clamp(yMax, -WebMercator.HalfWorld, WebMercator.HalfWorld));
        error = null;
        return true;
    }

    /// <summary>Null when the box is a usable Web Mercator rectangle; else what is wrong with it, naming bbox.</summary>
    internal static string? CheckBbox(double west, double south, double east, double north)
    {
        if (!double.IsFinite(west) || !double.IsFinite(south) || !double.IsFinite(east) || !double.IsFinite(north))
        {
            return "bbox must be four finite numbers: west,south,east,north in WGS84 degrees";
        }

        if (west < -180 || east > 180 || west > 180 || east < -180)
        {
            return "bbox longitudes must be within -180..180";
        }

        if (south < -MaxLatitude || north > MaxLatitude || south > MaxLatitude || north < -MaxLatitude)
        {
            return string.Create(CultureInfo.InvariantCulture, $"bbox latitudes must be within -{MaxLatitude}..{MaxLatitude} (Web Mercator)");
        }

        if (!(west < east) || !(south < north))
        {
            return "bbox is empty or inverted: west must be less than east and south less than north";
        }

        return null;
    }

    private static bool TryNumber(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool TryParseFormat(string? text, out ExportFormat format)
    {
        switch (text?.ToLowerInvariant())
        {
            case null or "png":
                format = ExportFormat.Png;
                return true;
            case "jpeg" or "jpg":
                format = ExportFormat.Jpeg;
                return true;
            case "pdf":
                format = ExportFormat.Pdf;
                return true;
            case "svg":
                format = ExportFormat.Svg;
                return true;
            case "geotiff" or "tiff" or "tif":
                format = ExportFormat.GeoTiff;
                return true;
            default:
                format = default;
                return false;
        }
    }
}
