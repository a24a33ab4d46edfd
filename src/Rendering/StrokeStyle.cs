namespace TileCluster.Rendering;

/// <summary>Everything needed to stroke a path, in device pixels.</summary>
/// <param name="Color">Stroke colour.</param>
/// <param name="Width">Line width in pixels.</param>
/// <param name="Cap">Line cap.</param>
/// <param name="Join">Line join.</param>
/// <param name="Dash">Dash pattern in pixels (on, off, ...), or null for solid.</param>
internal sealed record StrokeStyle(Rgba Color, double Width, LineCap Cap = LineCap.Butt, LineJoin Join = LineJoin.Round, double[]? Dash = null);
