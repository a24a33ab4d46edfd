using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>
/// Renders exact map rectangles on a silo's render pool, below tile traffic: a whole image, or a
/// large raster in strips (labels placed once for the whole image, then strips drawn in parallel
/// on many silos and stitched by the caller). Keyed by a silo's name and placed on that silo, so
/// callers (through <see cref="Export.ExportCluster"/>) choose where each piece renders and can move
/// a failed piece to another silo.
/// </summary>
public interface IExportGrain : IGrainWithStringKey
{
    /// <summary>Renders and encodes <paramref name="request"/> in one piece.</summary>
    /// <param name="request">A validated rectangle, size and format.</param>
    /// <param name="cancellationToken">The caller's abort signal; a queued export is dropped.</param>
    Task<ExportResult> ExportAsync(ExportRequest request, CancellationToken cancellationToken = default);

    /// <summary>Places the labels of the whole image of <paramref name="request"/>, for its strips to draw.</summary>
    /// <param name="request">A validated rectangle and size.</param>
    /// <param name="cancellationToken">The caller's abort signal; a queued job is dropped.</param>
    Task<ExportLabels> PlaceLabelsAsync(ExportRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renders rows <paramref name="topPx"/> to <paramref name="topPx"/> + <paramref name="heightPx"/>
    /// of <paramref name="request"/>'s image with <paramref name="labels"/> and compresses them for
    /// its format (PNG or GeoTIFF).
    /// </summary>
    /// <param name="request">A validated rectangle, size and raster format.</param>
    /// <param name="labels">The whole image's labels, from <see cref="PlaceLabelsAsync"/>.</param>
    /// <param name="topPx">First row of the strip.</param>
    /// <param name="heightPx">Rows in the strip.</param>
    /// <param name="cancellationToken">The caller's abort signal; a queued strip is dropped.</param>
    Task<ExportStrip> RenderStripAsync(ExportRequest request, ExportLabel[] labels, int topPx, int heightPx, CancellationToken cancellationToken = default);
}
