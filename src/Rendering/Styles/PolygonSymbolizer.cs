using TileCluster.Rendering;

namespace TileCluster.Rendering.Styles;

/// <summary>How a rule fills and outlines areas. Sizes are in CSS pixels at scale 1.</summary>
/// <param name="Fill">Fill colour, already multiplied by <c>fill-opacity</c>; null for no fill.</param>
/// <param name="Outline">Outline colour; null for no outline.</param>
/// <param name="OutlineWidth">Outline width by zoom.</param>
internal sealed record PolygonSymbolizer(Rgba? Fill, Rgba? Outline, ZoomValue OutlineWidth);
