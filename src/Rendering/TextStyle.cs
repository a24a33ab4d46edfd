using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering;

/// <summary>A label's font and colours, in device pixels.</summary>
/// <param name="Font">The font set, in fallback order.</param>
/// <param name="SizePx">Font size in pixels.</param>
/// <param name="Color">Glyph colour.</param>
/// <param name="HaloColor">Halo colour around the glyphs.</param>
/// <param name="HaloRadius">Halo width in pixels; 0 for none.</param>
internal sealed record TextStyle(FontSet Font, double SizePx, Rgba Color, Rgba HaloColor, double HaloRadius);
