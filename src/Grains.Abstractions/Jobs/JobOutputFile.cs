namespace TileCluster.Grains.Abstractions.Jobs;

/// <summary>A finished output of a job.</summary>
/// <param name="Kind">The output.</param>
/// <param name="Zoom">The zoom of a per-zoom image; null otherwise.</param>
/// <param name="FileName">The file under the job's <c>files/</c> folder; null for the tile trees.</param>
/// <param name="Bytes">The file's size; null for the tile trees.</param>
[GenerateSerializer]
[Immutable]
public sealed record JobOutputFile(JobOutputKind Kind, int? Zoom, string? FileName, long? Bytes);
