using TileCluster.Grains.Abstractions.Jobs;

namespace TileCluster.Grains.Jobs;

/// <summary>The outputs made from the job's tile tree (tilemapresource.xml, MBTiles, zip).</summary>
internal sealed partial class JobOutputWriter
{
    private static Task WriteTileMapResourceAsync(string jobFolder, JobSpec spec, CancellationToken cancellationToken) =>
        throw new JobFailedException("tms output: the tilemapresource.xml writer is not in this build yet");

    private static Task WriteMbTilesAsync(string treeRoot, string destination, JobSpec spec, CancellationToken cancellationToken) =>
        throw new JobFailedException("mbtiles output: the MBTiles writer is not in this build yet");

    private static Task WriteZipAsync(string treeRoot, string destination, CancellationToken cancellationToken) =>
        throw new JobFailedException("zip output: the zip writer is not in this build yet");
}
