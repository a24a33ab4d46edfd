namespace TileCluster.Rendering.Styles;

/// <summary>What a layer draws, which decides how its geometry is fetched and painted.</summary>
internal enum GeometryKind
{
    /// <summary>Filled areas (rings).</summary>
    Polygon,

    /// <summary>Stroked lines, with optional casing and line labels.</summary>
    Line,

    /// <summary>Points; on a polygon table the point is <c>ST_PointOnSurface</c> (label points).</summary>
    Point,
}
