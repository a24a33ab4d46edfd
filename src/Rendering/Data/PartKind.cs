namespace TileCluster.Rendering.Data;

/// <summary>What one part of a decoded geometry is.</summary>
internal enum PartKind : byte
{
    /// <summary>A single point.</summary>
    Point,

    /// <summary>An open line string.</summary>
    Line,

    /// <summary>A polygon ring (closed; the first point is repeated at the end).</summary>
    Ring,
}
