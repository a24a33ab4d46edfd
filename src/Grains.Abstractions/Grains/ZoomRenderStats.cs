namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>Render time figures for one zoom level.</summary>
/// <param name="Zoom">Zoom level.</param>
/// <param name="Count">Metatiles rendered.</param>
/// <param name="MeanMilliseconds">Mean render time.</param>
/// <param name="MaxMilliseconds">Slowest render.</param>
[GenerateSerializer]
[Immutable]
public sealed record ZoomRenderStats(int Zoom, long Count, double MeanMilliseconds, double MaxMilliseconds);
