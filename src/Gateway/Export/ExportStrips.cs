using Microsoft.Extensions.Options;
using TileCluster.Gateway.Http;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Storage.Outputs;

namespace TileCluster.Gateway.Export;

/// <summary>
/// Serves a raster (PNG, JPEG, GeoTIFF) export rendered in strips across the silos' render pools:
/// one call places the labels of the whole image, then <see cref="ExportOptions.StripsInFlight"/>
/// strips of <see cref="ExportOptions.StripHeightPx"/> rows at a time (whole MCUs for JPEG) render
/// on the silos, each on a silo named by <see cref="ExportCluster"/>, which moves a failed strip to
/// another silo once. A PNG or JPEG is stitched and streamed as the strips arrive, in order; a
/// GeoTIFF is written once all its strips are compressed (see <see cref="GeoTiffStripWriter"/>).
/// The gateway never holds the image's pixels.
/// </summary>
internal sealed partial class ExportStrips(ExportCluster cluster, IOptions<ExportOptions> options, ILogger<ExportStrips> logger)
{
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

        StripSequence? strips;
        ExportLabels labels;
        try
        {
            (strips, labels) = await cluster.StartStripsAsync(request, settings.StripHeightPx, settings.StripsInFlight, token);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            (strips, labels) = (null, ExportLabels.Failed(ExportStatus.Overloaded, settings.RequestTimeout));
        }

        if (strips is null)
        {
            await Problems.Unavailable(context, Detail(labels.Status), labels.RetryAfter);
            return;
        }

        try
        {
            if (StripImageWriter.For(request.Format, context.Response.Body) is { } writer)
            {
                await ServeStreamedAsync(context, request, fileName, strips, writer);
            }
            else
            {
                await ServeGeoTiffAsync(context, request, fileName, strips);
            }
        }
        finally
        {
            // Strips still in flight (an abort, a failure) are cancelled, and their calls observed.
            await budget.CancelAsync();
            await strips.DrainAsync();
        }
    }

    private async Task ServeStreamedAsync(HttpContext context, ExportRequest request, string fileName, StripSequence strips, IStripImageWriter writer)
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
        await writer.WriteHeaderAsync(request.WidthPx, request.HeightPx, aborted);
        await writer.WriteStripAsync(first, aborted);
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

            await writer.WriteStripAsync(strip, aborted);
            await response.Body.FlushAsync(aborted);
        }

        await writer.WriteEndAsync(aborted);
    }

    private static async Task ServeGeoTiffAsync(HttpContext context, ExportRequest request, string fileName, StripSequence strips)
    {
        var (all, failed) = await strips.AllAsync();
        if (failed is not null)
        {
            await Problems.Unavailable(context, Detail(failed.Status), failed.RetryAfter);
            return;
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

    /// <summary>The problem detail of an export that did not render.</summary>
    public static string Detail(ExportStatus status) => status == ExportStatus.Overloaded
        ? "the render queue is full of more urgent work; try the export again later"
        : "the export cannot be rendered now (its data source is unavailable)";

    [LoggerMessage(EventId = 3502, Level = LogLevel.Error, Message = "Export of {Style} {WidthPx}x{HeightPx} aborted mid-stream: strip {Index} of {Count} failed")]
    private partial void LogAborted(string style, int widthPx, int heightPx, int index, int count);
}
