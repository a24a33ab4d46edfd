namespace TileCluster.Rendering.Labels;

/// <summary>Where a line label goes: its centre and its upright rotation (clockwise radians).</summary>
/// <param name="X">Centre x.</param>
/// <param name="Y">Centre y.</param>
/// <param name="Angle">Rotation in (-π/2, π/2], so text never reads upside down.</param>
internal readonly record struct LinePosition(double X, double Y, double Angle);
