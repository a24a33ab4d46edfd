using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>One per-zoom image of an export job, resolved and checked against the export limits by the gateway.</summary>
/// <param name="Output">The output it belongs to (png, jpeg, geotiff or pdf).</param>
/// <param name="Zoom">The zoom it is drawn at.</param>
/// <param name="Request">The rectangle, size and format to render.</param>
[GenerateSerializer]
[Immutable]
public sealed record JobImage(JobOutputKind Output, int Zoom, ExportRequest Request);
