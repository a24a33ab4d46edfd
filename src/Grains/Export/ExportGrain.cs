using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Placement;
using TileCluster.Rendering.Scheduling;

namespace TileCluster.Grains.Export;

/// <summary>
/// Renders exports on the silo's render pool at bulk priority, so tile traffic wins: whole images,
/// and the label pass and strips of a large raster. One activation per silo, keyed by the silo's
/// name and placed on it; reentrant, since the work itself is bounded by the render pool's threads
/// and queue.
/// </summary>
[NamedSiloPlacement]
[Reentrant]
internal sealed partial class ExportGrain(RenderPool renderPool, IOptions<RenderOptions> options, ILogger<ExportGrain> logger) : Grain, IExportGrain
{
    public async Task<ExportResult> ExportAsync(ExportRequest request, CancellationToken cancellationToken = default)
    {
        var outcome = await renderPool.ExportAsync(request, RenderPriority.Bulk, cancellationToken);
        return outcome.Export is byte[] bytes && outcome.Kind == RenderOutcomeKind.Rendered
            ? ExportResult.Ok(bytes)
            : Failed(request, outcome) == ExportStatus.Overloaded ? ExportResult.Overloaded(options.Value.RetryAfter) : ExportResult.Unavailable(options.Value.RetryAfter);
    }

    public async Task<ExportLabels> PlaceLabelsAsync(ExportRequest request, CancellationToken cancellationToken = default)
    {
        var outcome = await renderPool.PlaceExportLabelsAsync(request, RenderPriority.Bulk, cancellationToken);
        return outcome.Export is ExportLabel[] labels && outcome.Kind == RenderOutcomeKind.Rendered
            ? ExportLabels.Ok(labels)
            : ExportLabels.Failed(Failed(request, outcome), options.Value.RetryAfter);
    }

    public async Task<ExportStrip> RenderStripAsync(ExportRequest request, ExportLabel[] labels, int topPx, int heightPx, CancellationToken cancellationToken = default)
    {
        var outcome = await renderPool.ExportStripAsync(request, labels, topPx, heightPx, RenderPriority.Bulk, cancellationToken);
        return outcome.Export is ExportStrip strip && outcome.Kind == RenderOutcomeKind.Rendered
            ? strip
            : ExportStrip.Failed(Failed(request, outcome), options.Value.RetryAfter);
    }

    /// <summary>The status of an export job that did not render: overloaded (queue full) or unavailable (logged).</summary>
    private ExportStatus Failed(ExportRequest request, RenderOutcome outcome)
    {
        if (outcome.Kind == RenderOutcomeKind.Rejected)
        {
            return ExportStatus.Overloaded;
        }

        LogFailed(request.Style, request.WidthPx, request.HeightPx, request.Format, outcome.Error);
        return ExportStatus.Unavailable;
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Warning, Message = "Export of {Style} {WidthPx}x{HeightPx} {Format} failed")]
    private partial void LogFailed(string style, int widthPx, int heightPx, ExportFormat format, Exception? error);
}
