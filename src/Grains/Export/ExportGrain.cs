using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Rendering.Scheduling;

namespace TileCluster.Grains.Export;

/// <summary>
/// Renders exports on the silo's render pool at bulk priority, so tile traffic wins. A stateless
/// worker: Orleans runs activations on every silo that calls need, and the work itself is bounded
/// by the render pool's threads and queue.
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed partial class ExportGrain(RenderPool renderPool, IOptions<RenderOptions> options, ILogger<ExportGrain> logger) : Grain, IExportGrain
{
    public async Task<ExportResult> ExportAsync(ExportRequest request, CancellationToken cancellationToken = default)
    {
        var outcome = await renderPool.ExportAsync(request, RenderPriority.Bulk, cancellationToken);
        switch (outcome.Kind)
        {
            case RenderOutcomeKind.Rendered when outcome.Export is { } bytes:
                return ExportResult.Ok(bytes);
            case RenderOutcomeKind.Rejected:
                return ExportResult.Overloaded(options.Value.RetryAfter);
            default:
                LogFailed(request.Style, request.WidthPx, request.HeightPx, request.Format, outcome.Error);
                return ExportResult.Unavailable(options.Value.RetryAfter);
        }
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Warning, Message = "Export of {Style} {WidthPx}x{HeightPx} {Format} failed")]
    private partial void LogFailed(string style, int widthPx, int heightPx, ExportFormat format, Exception? error);
}
