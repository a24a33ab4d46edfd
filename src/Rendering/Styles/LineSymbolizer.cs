using System.Collections.Immutable;
using TileCluster.Rendering;

namespace TileCluster.Rendering.Styles;

/// <summary>How a rule strokes lines. Sizes are in CSS pixels at scale 1.</summary>
/// <param name="Stroke">Line colour, already multiplied by <c>opacity</c>.</param>
/// <param name="Width">Line width by zoom.</param>
/// <param name="Casing">Casing colour; null for none.</param>
/// <param name="CasingWidth">Casing width added on each side of the line, by zoom.</param>
/// <param name="Dash">Dash pattern of the line (on, off, ...); empty for solid.</param>
/// <param name="Cap">Line cap of line and casing.</param>
/// <param name="Join">Line join of line and casing.</param>
internal sealed record LineSymbolizer(
    Rgba Stroke,
    ZoomValue Width,
    Rgba? Casing,
    ZoomValue CasingWidth,
    ImmutableArray<double> Dash,
    LineCap Cap,
    LineJoin Join);
