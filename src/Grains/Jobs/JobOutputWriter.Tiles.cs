using System.Globalization;
using TileCluster.Grains.Abstractions.Jobs;
using TileCluster.Storage.Outputs;

namespace TileCluster.Grains.Jobs;

/// <summary>The outputs made from the job's tile tree, with the writers of <c>TileCluster.Storage.Outputs</c>.</summary>
internal sealed partial class JobOutputWriter
{
    private static Task WriteTileMapResourceAsync(string jobFolder, JobSpec spec, CancellationToken cancellationToken) =>
        TileMapResource.WriteAsync(
            Path.Combine(jobFolder, TileMapResource.FileName),
            new TileMapResourceInfo(Title(spec), spec.West, spec.South, spec.East, spec.North, spec.MinZoom, spec.MaxZoom),
            cancellationToken);

    private static Task WriteMbTilesAsync(string treeRoot, string destination, JobSpec spec, CancellationToken cancellationToken) =>
        MbTilesWriter.WriteAsync(
            treeRoot,
            destination,
            new MbTilesMetadata(Title(spec), string.Create(CultureInfo.InvariantCulture, $"TileCluster {spec.Style} export, zooms {spec.MinZoom}-{spec.MaxZoom}"), spec.West, spec.South, spec.East, spec.North, spec.MinZoom, spec.MaxZoom),
            progress: null,
            cancellationToken);

    private static Task WriteZipAsync(string treeRoot, string destination, CancellationToken cancellationToken) =>
        TileTreeArchive.WriteZipAsync(treeRoot, destination, TileRowOrder.Xyz, cancellationToken);

    /// <summary>The job's name, or its style and zooms.</summary>
    private static string Title(JobSpec spec) =>
        spec.Name is { Length: > 0 } name ? name : string.Create(CultureInfo.InvariantCulture, $"{spec.Style} {spec.MinZoom}-{spec.MaxZoom}");
}
