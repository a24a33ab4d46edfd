using System.Globalization;
using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Gateway.Export;

/// <summary>The <c>Export</c> configuration section: how large an export may be and how many a client may run.</summary>
public sealed class ExportOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Export";

    /// <summary>Most pixels (width x height) one export may have; more gets 413.</summary>
    public long MaxPixels { get; set; } = 16_000_000;

    /// <summary>Widest export in pixels; wider gets 413.</summary>
    public int MaxWidthPx { get; set; } = 8192;

    /// <summary>Tallest export in pixels; taller gets 413.</summary>
    public int MaxHeightPx { get; set; } = 8192;

    /// <summary>Exports one client (IP address) may run at once; more get 429 with Retry-After.</summary>
    public int ConcurrentPerClient { get; set; } = 2;

    /// <summary>
    /// Rows per strip of a PNG or GeoTIFF export: the silos render and compress the image in strips
    /// this tall, in parallel, and the gateway stitches them while streaming. A silo holds one strip's
    /// bitmap (width x this x 4 bytes) per strip it renders.
    /// </summary>
    public int StripHeightPx { get; set; } = 512;

    /// <summary>Strips of one export being rendered at once (spread over the silos); the gateway holds at most this many compressed strips of a PNG.</summary>
    public int StripsInFlight { get; set; } = 4;

    /// <summary>Longest an export may take, queueing included; then 503 with Retry-After.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The limit <paramref name="request"/> exceeds, named as its configuration key with its value; null when within them all.</summary>
    public string? ExceededLimit(ExportRequest request)
    {
        if (request.WidthPx > MaxWidthPx)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Export:MaxWidthPx ({MaxWidthPx})");
        }

        if (request.HeightPx > MaxHeightPx)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Export:MaxHeightPx ({MaxHeightPx})");
        }

        if (request.Format == ExportFormat.Jpeg && Math.Max(request.WidthPx, request.HeightPx) > StripRows.JpegMaxPx)
        {
            return string.Create(CultureInfo.InvariantCulture, $"JPEG's largest side ({StripRows.JpegMaxPx})");
        }

        return (long)request.WidthPx * request.HeightPx > MaxPixels
            ? string.Create(CultureInfo.InvariantCulture, $"Export:MaxPixels ({MaxPixels})")
            : null;
    }
}
