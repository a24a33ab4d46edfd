using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Storage.Outputs;

/// <summary>The writers of the raster formats that stream as their strips arrive.</summary>
public static class StripImageWriter
{
    /// <summary>
    /// A writer of <paramref name="format"/> to <paramref name="output"/>; null for a format that
    /// cannot stream (GeoTIFF's directory lists every strip, see <see cref="GeoTiffStripWriter"/>).
    /// </summary>
    public static IStripImageWriter? For(ExportFormat format, Stream output) => format switch
    {
        ExportFormat.Png => new PngStreamWriter(output),
        ExportFormat.Jpeg => new JpegStreamWriter(output),
        _ => null,
    };
}
