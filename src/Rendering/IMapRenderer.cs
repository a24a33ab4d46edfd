using SkiaSharp;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Tiles;

using TileCluster.Storage;

namespace TileCluster.Rendering;

/// <summary>
/// Renders whole metatiles. One instance per render-pool thread: it owns native Skia state (canvases,
/// paints, shapers and fonts), so it is not thread-safe and never shared.
/// </summary>
internal interface IMapRenderer : IDisposable
{
    /// <summary>
    /// Queries the style's layers for the metatile plus its buffer, draws them, and encodes
    /// every tile. Throws when the data source fails.
    /// </summary>
    RenderedMetatile Render(MetatileKey key, CancellationToken cancellationToken);

    /// <summary>Where the time of the most recent successful <see cref="Render"/> went.</summary>
    RenderBreakdown LastBreakdown { get; }

    /// <summary>
    /// Allocates and touches the canvas and encoder memory of a common metatile, once, when the
    /// render thread starts: first touches of fresh memory cost page faults that would otherwise
    /// land on the thread's first renders (a new silo's cold misses).
    /// </summary>
    void WarmUp();

    /// <summary>
    /// Draws exactly the rectangle of <paramref name="request"/> at its pixel size onto
    /// <paramref name="target"/> (a bitmap, PDF page or SVG canvas), with labels placed for this
    /// image and never cut at its edge, and the attribution if asked for. Throws when the data
    /// source fails.
    /// </summary>
    void RenderArea(ExportRequest request, SKCanvas target, CancellationToken cancellationToken);

    /// <summary>
    /// Places the labels of <paramref name="request"/>'s whole image, exactly as
    /// <see cref="RenderArea"/> would, and returns them in drawing order for the image's strips.
    /// Throws when the data source fails.
    /// </summary>
    ExportLabel[] PlaceLabels(ExportRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Draws rows <paramref name="topPx"/> to <paramref name="topPx"/> + <paramref name="heightPx"/> of
    /// <paramref name="request"/>'s image onto <paramref name="target"/> (a bitmap of the image's
    /// width and <paramref name="heightPx"/> rows): the features near those rows and the whole
    /// image's <paramref name="labels"/>, so the strip has the pixels of those rows of
    /// <see cref="RenderArea"/>'s image. Throws when the data source fails.
    /// </summary>
    void RenderStrip(ExportRequest request, ExportLabel[] labels, int topPx, int heightPx, SKCanvas target, CancellationToken cancellationToken);
}
