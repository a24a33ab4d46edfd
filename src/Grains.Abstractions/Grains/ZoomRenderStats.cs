namespace TileCluster.Grains.Abstractions.Grains;

/// <summary>Render time figures for one zoom level.</summary>
/// <param name="Zoom">Zoom level.</param>
/// <param name="Count">Metatiles rendered.</param>
/// <param name="MeanMilliseconds">Mean render time.</param>
/// <param name="MaxMilliseconds">Slowest render.</param>
/// <param name="QueryMilliseconds">Mean time in layer queries (running them and decoding rows).</param>
/// <param name="DrawMilliseconds">Mean time painting layer geometry.</param>
/// <param name="LabelsMilliseconds">Mean time placing and drawing labels.</param>
/// <param name="EncodeMilliseconds">Mean time cutting and encoding the tiles.</param>
[GenerateSerializer]
[Immutable]
public sealed record ZoomRenderStats(
    int Zoom,
    long Count,
    double MeanMilliseconds,
    double MaxMilliseconds,
    double QueryMilliseconds,
    double DrawMilliseconds,
    double LabelsMilliseconds,
    double EncodeMilliseconds);
