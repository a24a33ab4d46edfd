using TileCluster.Rendering;

namespace TileCluster.Rendering.Styles;

/// <summary>How a rule labels its features. Sizes are in CSS pixels at scale 1.</summary>
/// <param name="Column">The column whose value is the label text.</param>
/// <param name="Font">The font set the label is drawn with.</param>
/// <param name="Size">Font size by zoom.</param>
/// <param name="Color">Glyph colour.</param>
/// <param name="HaloColor">Halo colour.</param>
/// <param name="HaloRadius">Halo radius.</param>
/// <param name="Placement">Point or line placement.</param>
/// <param name="Priority">Higher priorities are placed first and win collisions.</param>
/// <param name="Spacing">Line labels: distance between repeats along a line, and the minimum distance between two labels with the same text.</param>
/// <param name="SortBy">Optional numeric column; among equal priorities larger values are placed first.</param>
internal sealed record TextSymbolizer(
    string Column,
    FontSet Font,
    ZoomValue Size,
    Rgba Color,
    Rgba HaloColor,
    double HaloRadius,
    LabelPlacement Placement,
    double Priority,
    double Spacing,
    string? SortBy);
