using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Grains;
using TileCluster.Grains.Abstractions.Jobs;

namespace TileCluster.Grains.Jobs;

/// <summary>
/// Writes a job's outputs, one step at a time, into its folder: files go to <c>files/</c> under a
/// temporary name and are renamed when complete, so a step cut short by a restart is simply run again.
/// </summary>
internal sealed partial class JobOutputWriter(IGrainFactory grains, IOptions<JobsOptions> options, TimeProvider time, ILogger<JobOutputWriter> logger)
{
    private const int MaxUnavailable = 5;

    /// <summary>Runs <paramref name="step"/> of job <paramref name="id"/> and describes what it wrote.</summary>
    public async Task<JobOutputFile> WriteAsync(string id, JobSpec spec, JobStep step, CancellationToken cancellationToken)
    {
        string folder = options.Value.JobFolder(id);
        string files = Path.Combine(folder, "files");
        Directory.CreateDirectory(files);
        string? name = JobSteps.FileName(spec, step);
        switch (step.Kind)
        {
            case JobOutputKind.Xyz:
                return new JobOutputFile(step.Kind, null, null, null);
            case JobOutputKind.Tms:
                await WriteTileMapResourceAsync(folder, spec, cancellationToken);
                return new JobOutputFile(step.Kind, null, null, null);
            case JobOutputKind.MbTiles:
                await WriteMbTilesAsync(JobTileTree.Root(folder), Path.Combine(files, name!), spec, cancellationToken);
                return new JobOutputFile(step.Kind, null, name, new FileInfo(Path.Combine(files, name!)).Length);
            case JobOutputKind.Zip:
                await WriteZipAsync(JobTileTree.Root(folder), Path.Combine(files, name!), cancellationToken);
                return new JobOutputFile(step.Kind, null, name, new FileInfo(Path.Combine(files, name!)).Length);
            default:
                var image = step.Image ?? throw new InvalidOperationException($"step {step.Kind} has no image");
                byte[] bytes = await ExportAsync(image, cancellationToken);
                await WriteFileAsync(Path.Combine(files, name!), bytes, cancellationToken);
                return new JobOutputFile(step.Kind, image.Zoom, name, bytes.Length);
        }
    }

    private async Task<byte[]> ExportAsync(JobImage image, CancellationToken cancellationToken)
    {
        int unavailable = 0;
        while (true)
        {
            var result = await grains.GetGrain<IExportGrain>(0).ExportAsync(image.Request, cancellationToken);
            switch (result.Status)
            {
                case ExportStatus.Ok:
                    return result.Bytes;
                case ExportStatus.Unavailable when ++unavailable >= MaxUnavailable:
                    throw new JobFailedException(string.Create(CultureInfo.InvariantCulture,
                        $"the {JobOutputKinds.Name(image.Output)} image at zoom {image.Zoom} could not be rendered ({MaxUnavailable} attempts; is the database reachable?)"));
                default:
                    LogImageRetry(image.Output, image.Zoom, result.Status);
                    await Task.Delay(result.RetryAfter > TimeSpan.Zero ? result.RetryAfter : TimeSpan.FromSeconds(1), time, cancellationToken);
                    break;
            }
        }
    }

    private static async Task WriteFileAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        string partial = path + ".partial";
        await File.WriteAllBytesAsync(partial, bytes, cancellationToken);
        File.Move(partial, path, overwrite: true);
    }

    [LoggerMessage(EventId = 2702, Level = LogLevel.Debug, Message = "Job image {Output} at zoom {Zoom}: {Status}; trying again")]
    private partial void LogImageRetry(JobOutputKind output, int zoom, ExportStatus status);
}
