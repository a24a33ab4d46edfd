namespace TileCluster.Rendering.Styles;

/// <summary>One stop of a <see cref="ZoomValue"/>.</summary>
/// <param name="Zoom">The zoom at which <paramref name="Value"/> holds exactly.</param>
/// <param name="Value">The value at that zoom.</param>
internal readonly record struct ZoomStop(int Zoom, double Value);
