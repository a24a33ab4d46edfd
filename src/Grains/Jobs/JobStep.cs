using TileCluster.Grains.Abstractions.Jobs;

namespace TileCluster.Grains.Jobs;

/// <summary>One output step of a job: a tile output (tms, xyz, mbtiles, zip) or one per-zoom image.</summary>
/// <param name="Kind">The output.</param>
/// <param name="Image">The image, for a per-zoom image output.</param>
internal sealed record JobStep(JobOutputKind Kind, JobImage? Image);
