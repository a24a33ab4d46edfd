namespace TileCluster.Rendering;

/// <summary>The logical size of a laid-out label, in device pixels.</summary>
/// <param name="Width">Advance width.</param>
/// <param name="Height">Line height.</param>
internal readonly record struct TextExtent(double Width, double Height);
