using System.Globalization;
using Microsoft.Extensions.Logging;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Jobs;
using TileCluster.Storage.Outputs;

namespace TileCluster.Grains.Jobs;

/// <summary>
/// A job's per-zoom images, rendered like the gateway's exports: PNG, JPEG and GeoTIFF in strips
/// across the silos (<see cref="ExportCluster.StartStripsAsync"/>), PNG and JPEG streamed into their
/// files as the strips arrive, so no silo holds a whole zoom's pixels; PDF in one piece.
/// </summary>
internal sealed partial class JobOutputWriter
{
    private const int MaxUnavailable = 5;

    /// <summary>Renders <paramref name="image"/> into <paramref name="path"/> (through a partial file) and answers its length.</summary>
    private async Task<long> WriteImageAsync(JobImage image, string path, CancellationToken cancellationToken)
    {
        int unavailable = 0;
        while (true)
        {
            var (status, retryAfter) = StripRows.InStrips(image.Request.Format)
                ? await WriteStripsAsync(image.Request, path, cancellationToken)
                : await WriteOnePieceAsync(image.Request, path, cancellationToken);
            switch (status)
            {
                case ExportStatus.Ok:
                    return new FileInfo(path).Length;
                case ExportStatus.Unavailable when ++unavailable >= MaxUnavailable:
                    throw new JobFailedException(string.Create(CultureInfo.InvariantCulture,
                        $"the {JobOutputKinds.Name(image.Output)} image at zoom {image.Zoom} could not be rendered ({MaxUnavailable} attempts; is the database reachable?)"));
                default:
                    LogImageRetry(image.Output, image.Zoom, status);
                    await Task.Delay(retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1), time, cancellationToken);
                    break;
            }
        }
    }

    private async Task<(ExportStatus Status, TimeSpan RetryAfter)> WriteOnePieceAsync(ExportRequest request, string path, CancellationToken cancellationToken)
    {
        var result = await cluster.ExportAsync(request, cancellationToken);
        if (result.Status == ExportStatus.Ok)
        {
            await PartialFile.WriteAsync(path, (partial, token) => File.WriteAllBytesAsync(partial, result.Bytes, token), cancellationToken);
        }

        return (result.Status, result.RetryAfter);
    }

    private async Task<(ExportStatus Status, TimeSpan RetryAfter)> WriteStripsAsync(ExportRequest request, string path, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var (strips, labels) = await cluster.StartStripsAsync(request, settings.StripHeightPx, settings.StripsInFlight, budget.Token);
        if (strips is null)
        {
            return (labels.Status, labels.RetryAfter);
        }

        ExportStrip? failed = null;
        try
        {
            await PartialFile.WriteAsync(path, async (partial, token) =>
            {
                await using var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                failed = StripImageWriter.For(request.Format, file) is { } writer
                    ? await WriteStreamedAsync(writer, request, strips, token)
                    : await WriteGeoTiffAsync(file, request, strips, token);
                if (failed is not null)
                {
                    // A missing strip: cancelled, so the partial file goes and no short image stays.
                    await budget.CancelAsync();
                    token.ThrowIfCancellationRequested();
                }
            }, budget.Token);
        }
        catch (OperationCanceledException) when (failed is not null && !cancellationToken.IsCancellationRequested)
        {
            return (failed.Status, failed.RetryAfter);
        }
        finally
        {
            await budget.CancelAsync();
            await strips.DrainAsync();
        }

        return (ExportStatus.Ok, TimeSpan.Zero);
    }

    private static async Task<ExportStrip?> WriteStreamedAsync(IStripImageWriter writer, ExportRequest request, StripSequence strips, CancellationToken cancellationToken)
    {
        await writer.WriteHeaderAsync(request.WidthPx, request.HeightPx, cancellationToken);
        for (int index = 0; index < strips.Count; index++)
        {
            var strip = await strips.NextAsync();
            if (strip.Status != ExportStatus.Ok)
            {
                return strip;
            }

            await writer.WriteStripAsync(strip, cancellationToken);
        }

        await writer.WriteEndAsync(cancellationToken);
        return null;
    }

    private static async Task<ExportStrip?> WriteGeoTiffAsync(Stream file, ExportRequest request, StripSequence strips, CancellationToken cancellationToken)
    {
        var (all, failed) = await strips.AllAsync();
        if (failed is null)
        {
            await GeoTiffStripWriter.WriteAsync(file, request, strips.HeightPx, all, cancellationToken);
        }

        return failed;
    }

    [LoggerMessage(EventId = 2702, Level = LogLevel.Debug, Message = "Job image {Output} at zoom {Zoom}: {Status}; trying again")]
    private partial void LogImageRetry(JobOutputKind output, int zoom, ExportStatus status);
}
