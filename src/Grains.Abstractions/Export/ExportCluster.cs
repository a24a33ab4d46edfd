using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Grains.Abstractions.Export;

/// <summary>
/// The caller's side of <see cref="IExportGrain"/>, for the gateway and for jobs alike: it places
/// work on named silos explicitly and moves a failed piece to another silo. A one-piece export goes
/// to the next active silo in turn; the strips of a large raster go round the active silos from a
/// random first one, and a strip that fails (its silo died, its queue was full, its render failed)
/// is rendered once more on the next silo before the image is given up.
/// </summary>
public sealed partial class ExportCluster(IGrainFactory grains, TimeProvider time, ILogger<ExportCluster> logger)
{
    private static readonly TimeSpan SilosMaxAge = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FailedRetryAfter = TimeSpan.FromSeconds(10);

    // Two tries, on two silos when there are two: a second try on a lone silo still rides out a
    // full queue or a dropped database connection.
    private const int Attempts = 2;

    private readonly Lock _lock = new();
    private string[] _silos = [];
    private DateTimeOffset _silosRead = DateTimeOffset.MinValue;
    private int _next = Random.Shared.Next();

    /// <summary>
    /// The names of the active silos, sorted, from Orleans' management grain; read again when older
    /// than two seconds. Empty when the cluster cannot be asked.
    /// </summary>
    public async Task<string[]> ActiveSilosAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_silos.Length > 0 && time.GetUtcNow() - _silosRead < SilosMaxAge)
            {
                return _silos;
            }
        }

        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true, cancellationToken).WaitAsync(cancellationToken);
            string[] names = [.. hosts.Select(h => h.SiloName).Where(n => !string.IsNullOrEmpty(n)).Order(StringComparer.Ordinal)];
            lock (_lock)
            {
                _silos = names;
                _silosRead = time.GetUtcNow();
            }

            return names;
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            LogSilosUnknown(e.Message);
            return [];
        }
    }

    /// <summary>Renders <paramref name="request"/> in one piece on the next silo in turn, and on the one after it if that fails.</summary>
    public async Task<ExportResult> ExportAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        var silos = await ActiveSilosAsync(cancellationToken);
        if (silos.Length == 0)
        {
            return ExportResult.Unavailable(FailedRetryAfter);
        }

        int first = Interlocked.Increment(ref _next);
        var result = ExportResult.Unavailable(FailedRetryAfter);
        for (int attempt = 0; attempt < Attempts && !cancellationToken.IsCancellationRequested; attempt++)
        {
            string silo = Pick(silos, first, attempt);
            try
            {
                result = await grains.GetGrain<IExportGrain>(silo).ExportAsync(request, cancellationToken).WaitAsync(cancellationToken);
                if (result.Status == ExportStatus.Ok)
                {
                    return result;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is OrleansException or TimeoutException)
            {
                LogPieceFailed(request.Style, request.WidthPx, request.HeightPx, silo, e);
                result = ExportResult.Unavailable(FailedRetryAfter);
            }
        }

        return result;
    }

    /// <summary>
    /// Places the labels of <paramref name="request"/>'s whole image on one silo, then hands out its
    /// strips of <paramref name="stripHeightPx"/> rows, <paramref name="inFlight"/> at a time, each
    /// on its own silo in turn. Null with the reason when the labels could not be placed.
    /// </summary>
    public async Task<(StripSequence? Strips, ExportLabels Labels)> StartStripsAsync(ExportRequest request, int stripHeightPx, int inFlight, CancellationToken cancellationToken)
    {
        var silos = await ActiveSilosAsync(cancellationToken);
        if (silos.Length == 0)
        {
            return (null, ExportLabels.Failed(ExportStatus.Unavailable, FailedRetryAfter));
        }

        // A random first silo, so the strips of successive exports do not always start on one.
        int first = Random.Shared.Next(silos.Length);
        var labels = ExportLabels.Failed(ExportStatus.Unavailable, FailedRetryAfter);
        for (int attempt = 0; attempt < Attempts && labels.Status != ExportStatus.Ok && !cancellationToken.IsCancellationRequested; attempt++)
        {
            string silo = Pick(silos, first, attempt);
            try
            {
                labels = await grains.GetGrain<IExportGrain>(silo).PlaceLabelsAsync(request, cancellationToken).WaitAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is OrleansException or TimeoutException)
            {
                LogLabelsFailed(request.Style, request.WidthPx, request.HeightPx, silo, e);
            }
        }

        if (labels.Status != ExportStatus.Ok)
        {
            return (null, labels);
        }

        var placed = labels.Labels;
        var strips = new StripSequence(
            (index, topPx, heightPx) => RenderStripAsync(silos, first + 1 + index, request, placed, topPx, heightPx, cancellationToken),
            request.HeightPx,
            StripRows.For(request.Format, request.WidthPx, stripHeightPx),
            inFlight);
        return (strips, labels);
    }

    private async Task<ExportStrip> RenderStripAsync(string[] silos, int first, ExportRequest request, ExportLabel[] labels, int topPx, int heightPx, CancellationToken cancellationToken)
    {
        var strip = ExportStrip.Failed(ExportStatus.Unavailable, FailedRetryAfter);
        for (int attempt = 0; attempt < Attempts && !cancellationToken.IsCancellationRequested; attempt++)
        {
            string silo = Pick(silos, first, attempt);
            if (attempt > 0)
            {
                LogStripMoved(request.Style, request.WidthPx, request.HeightPx, topPx, silo);
            }

            try
            {
                strip = await grains.GetGrain<IExportGrain>(silo).RenderStripAsync(request, labels, topPx, heightPx, cancellationToken).WaitAsync(cancellationToken);
                if (strip.Status == ExportStatus.Ok)
                {
                    return strip;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is OrleansException or TimeoutException)
            {
                LogStripFailed(request.Style, request.WidthPx, request.HeightPx, topPx, silo, e);
                strip = ExportStrip.Failed(ExportStatus.Unavailable, FailedRetryAfter);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        return strip;
    }


    private static string Pick(string[] silos, int first, int attempt) => silos[(int)((uint)(first + attempt) % (uint)silos.Length)];

    [LoggerMessage(EventId = 2801, Level = LogLevel.Warning, Message = "The active silos could not be listed for exports: {Reason}")]
    private partial void LogSilosUnknown(string reason);

    [LoggerMessage(EventId = 2802, Level = LogLevel.Warning, Message = "Export of {Style} {WidthPx}x{HeightPx} failed on silo {Silo}")]
    private partial void LogPieceFailed(string style, int widthPx, int heightPx, string silo, Exception error);

    [LoggerMessage(EventId = 2803, Level = LogLevel.Warning, Message = "Labels of the export of {Style} {WidthPx}x{HeightPx} failed on silo {Silo}")]
    private partial void LogLabelsFailed(string style, int widthPx, int heightPx, string silo, Exception error);

    [LoggerMessage(EventId = 2804, Level = LogLevel.Warning, Message = "Strip at row {TopPx} of the export of {Style} {WidthPx}x{HeightPx} failed on silo {Silo}")]
    private partial void LogStripFailed(string style, int widthPx, int heightPx, int topPx, string silo, Exception error);

    [LoggerMessage(EventId = 2805, Level = LogLevel.Information, Message = "Strip at row {TopPx} of the export of {Style} {WidthPx}x{HeightPx} moved to silo {Silo}")]
    private partial void LogStripMoved(string style, int widthPx, int heightPx, int topPx, string silo);
}
