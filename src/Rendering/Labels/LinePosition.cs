namespace TileCluster.Rendering.Labels;

/// <summary>
/// Where a line label goes: the stretch of its line it follows, and which way it reads.
/// </summary>
/// <param name="Start">Distance along the line, in pixels, where the stretch begins.</param>
/// <param name="Length">Length of the stretch in pixels.</param>
/// <param name="Reversed">The text runs against the line's direction, so it never reads upside down.</param>
/// <param name="X">The stretch's middle point, x.</param>
/// <param name="Y">The stretch's middle point, y.</param>
internal readonly record struct LinePosition(double Start, double Length, bool Reversed, double X, double Y);
