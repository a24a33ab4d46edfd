using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Storage.Outputs;

/// <summary>
/// Writes a raster image to a stream as its strips arrive, from the top, holding no pixels: the
/// silos compress the strips, a writer only frames them.
/// </summary>
public interface IStripImageWriter
{
    /// <summary>Starts a <paramref name="widthPx"/> x <paramref name="heightPx"/> image.</summary>
    Task WriteHeaderAsync(int widthPx, int heightPx, CancellationToken cancellationToken);

    /// <summary>Writes the next strip.</summary>
    Task WriteStripAsync(ExportStrip strip, CancellationToken cancellationToken);

    /// <summary>Ends the image after its last strip.</summary>
    Task WriteEndAsync(CancellationToken cancellationToken);
}
