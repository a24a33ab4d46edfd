namespace TileCluster.Grains.Abstractions.Export;

/// <summary>
/// How many rows a strip of a raster export has. PNG and GeoTIFF take any height; a JPEG's strips
/// are re-coded into one scan (see the storage side's <c>JpegStreamWriter</c>), so every strip but
/// the last must be whole rows of the silos' 16 x 16 MCUs (4:2:0 chroma).
/// </summary>
public static class StripRows
{
    /// <summary>Rows of one JPEG MCU as the silos encode (4:2:0 chroma subsampling).</summary>
    public const int JpegMcuPx = 16;

    /// <summary>The largest width and height of a JPEG (its frame header counts in 16 bits).</summary>
    public const int JpegMaxPx = ushort.MaxValue;

    /// <summary>Whether <paramref name="format"/> (a raster) renders in strips; the vector formats render in one piece.</summary>
    public static bool InStrips(ExportFormat format) => format is ExportFormat.Png or ExportFormat.Jpeg or ExportFormat.GeoTiff;

    /// <summary>Rows per strip of <paramref name="format"/> at <paramref name="widthPx"/>, at most <paramref name="configuredPx"/> when that is possible.</summary>
    public static int For(ExportFormat format, int widthPx, int configuredPx)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthPx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(configuredPx);
        if (format != ExportFormat.Jpeg)
        {
            return configuredPx;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(widthPx, JpegMaxPx);
        return Math.Max(1, configuredPx / JpegMcuPx) * JpegMcuPx;
    }
}
