using Microsoft.Extensions.Options;
using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Grains;

namespace TileCluster.Gateway.Export;

/// <summary>
/// Serves a PNG or GeoTIFF export rendered in strips across the silos' render pools: one call
/// places the labels of the whole image, then <see cref="ExportOptions.StripsInFlight"/> strips of
/// <see cref="ExportOptions.StripHeightPx"/> rows at a time render on the silos, each through an
/// export grain of its own key (a stateless worker activates on the silo a call reaches, and the
/// client spreads keys over its silo connections). A PNG is stitched and streamed as the strips
/// arrive, in order; a GeoTIFF is written once all its strips are compressed (see
/// <see cref="GeoTiffStripWriter"/>). The gateway never holds the image's pixels.
/// </summary>
internal sealed partial class ExportStrips(IGrainFactory grains, IOptions<ExportOptions> options, ILogger<ExportStrips> logger)
{
    private static readonly TimeSpan FailedRetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Renders <paramref name="request"/> in strips and writes it as the response. A failure before
    /// the first byte is a 503 with problem details; a failure after it aborts the response, so the
    /// client sees a broken transfer and never a truncated file that looks complete.
    /// </summary>
    public async Task ServeAsync(HttpContext context, ExportRequest request, string fileName)
    {
        var settings = options.Value;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        budget.CancelAfter(settings.RequestTimeout);
        var token = budget.Token;

        // A random first key, so the strips of successive exports do not always start on one silo.
        int firstKey = Random.Shared.Next();
        var labels = await PlaceLabelsAsync(grains.GetGrain<IExportGrain>(firstKey), request, token);
        if (labels.Status != ExportStatus.Ok)
        {
            await Problems.Unavailable(context, Detail(labels.Status), labels.RetryAfter);
            return;
        }

        var placed = labels.Labels;
        var strips = new StripSequence(
            (index, topPx, heightPx) => RenderStripAsync(grains.GetGrain<IExportGrain>(unchecked(firstKey + index + 1)), request, placed, topPx, heightPx, token),
            request.HeightPx,
            settings.StripHeightPx,
            settings.StripsInFlight);
        try
        {
            if (request.Format == ExportFormat.GeoTiff)
            {
                await ServeGeoTiffAsync(context, request, fileName, strips);
            }
            else
            {
                await ServePngAsync(context, request, fileName, strips);
            }
        }
        finally
        {
            // Strips still in flight (an abort, a failure) are cancelled, and their calls observed.
            await budget.CancelAsync();
            await strips.DrainAsync();
        }
    }

    private async Task ServePngAsync(HttpContext context, ExportRequest request, string fileName, StripSequence strips)
    {
        var first = await strips.NextAsync();
        if (first.Status != ExportStatus.Ok)
        {
            await Problems.Unavailable(context, Detail(first.Status), first.RetryAfter);
            return;
        }

        var response = context.Response;
        SetHeaders(response, request, fileName);
        var aborted = context.RequestAborted;
        var png = new PngStreamWriter(response.Body);
        await png.WriteHeaderAsync(request.WidthPx, request.HeightPx, aborted);
        await png.WriteStripAsync(first, aborted);
        await response.Body.FlushAsync(aborted);
        for (int index = 1; index < strips.Count; index++)
        {
            var strip = await strips.NextAsync();
            if (strip.Status != ExportStatus.Ok)
            {
                LogAborted(request.Style, request.WidthPx, request.HeightPx, index, strips.Count);
                context.Abort();
                return;
            }

            await png.WriteStripAsync(strip, aborted);
            await response.Body.FlushAsync(aborted);
        }

        await png.WriteEndAsync(aborted);
    }

    private static async Task ServeGeoTiffAsync(HttpContext context, ExportRequest request, string fileName, StripSequence strips)
    {
        var all = new List<ExportStrip>(strips.Count);
        for (int index = 0; index < strips.Count; index++)
        {
            var strip = await strips.NextAsync();
            if (strip.Status != ExportStatus.Ok)
            {
                await Problems.Unavailable(context, Detail(strip.Status), strip.RetryAfter);
                return;
            }

            all.Add(strip);
        }

        var response = context.Response;
        SetHeaders(response, request, fileName);
        response.ContentLength = GeoTiffStripWriter.Length(all);
        await GeoTiffStripWriter.WriteAsync(response.Body, request, strips.HeightPx, all, context.RequestAborted);
    }

    /// <summary>The headers of a successful export.</summary>
    public static void SetHeaders(HttpResponse response, ExportRequest request, string fileName)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ExportGeometry.ContentType(request.Format);
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        response.Headers.CacheControl = "no-store";
    }

    private static string Detail(ExportStatus status) => status == ExportStatus.Overloaded
        ? "the render queue is full of more urgent work; try the export again later"
        : "the export cannot be rendered now (its data source is unavailable)";

    private async Task<ExportLabels> PlaceLabelsAsync(IExportGrain grain, ExportRequest request, CancellationToken token)
    {
        try
        {
            return await grain.PlaceLabelsAsync(request, token).WaitAsync(token);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or OperationCanceledException)
        {
            LogLabelsFailed(request.Style, request.WidthPx, request.HeightPx, e);
            return ExportLabels.Failed(ExportStatus.Overloaded, FailedRetryAfter);
        }
    }

    private async Task<ExportStrip> RenderStripAsync(IExportGrain grain, ExportRequest request, ExportLabel[] labels, int topPx, int heightPx, CancellationToken token)
    {
        try
        {
            return await grain.RenderStripAsync(request, labels, topPx, heightPx, token).WaitAsync(token);
        }
        catch (Exception e)
        {
            // Whatever went wrong (a silo lost, a timeout, a cancelled request), this strip is
            // missing and the export cannot be completed: a value the caller turns into a 503 or an abort.
            if (!token.IsCancellationRequested)
            {
                LogStripFailed(request.Style, request.WidthPx, request.HeightPx, topPx, e);
            }

            return ExportStrip.Failed(ExportStatus.Unavailable, FailedRetryAfter);
        }
    }

    [LoggerMessage(EventId = 3502, Level = LogLevel.Error, Message = "Export of {Style} {WidthPx}x{HeightPx} aborted mid-stream: strip {Index} of {Count} failed")]
    private partial void LogAborted(string style, int widthPx, int heightPx, int index, int count);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Warning, Message = "Labels of the export of {Style} {WidthPx}x{HeightPx} failed in the cluster")]
    private partial void LogLabelsFailed(string style, int widthPx, int heightPx, Exception error);

    [LoggerMessage(EventId = 3504, Level = LogLevel.Warning, Message = "Strip at row {TopPx} of the export of {Style} {WidthPx}x{HeightPx} failed in the cluster")]
    private partial void LogStripFailed(string style, int widthPx, int heightPx, int topPx, Exception error);
}
