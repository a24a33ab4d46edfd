using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Grains.Abstractions.Jobs;

namespace TileCluster.Grains.Jobs;

/// <summary>
/// Writes a job's outputs, one step at a time, into its folder: files go to <c>files/</c> under a
/// temporary name and are renamed when complete, so a step cut short by a restart is simply run again.
/// </summary>
internal sealed partial class JobOutputWriter(ExportCluster cluster, IOptions<JobsOptions> options, TimeProvider time, ILogger<JobOutputWriter> logger)
{
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
                long bytes = await WriteImageAsync(image, Path.Combine(files, name!), cancellationToken);
                return new JobOutputFile(step.Kind, image.Zoom, name, bytes);
        }
    }
}
