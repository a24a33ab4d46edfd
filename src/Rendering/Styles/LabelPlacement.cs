namespace TileCluster.Rendering.Styles;

/// <summary>Where a text symbolizer puts its label.</summary>
internal enum LabelPlacement
{
    /// <summary>Centred on the feature's point.</summary>
    Point,

    /// <summary>Along a straight stretch of the line, rotated and kept upright.</summary>
    Line,
}
