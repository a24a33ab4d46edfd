namespace TileCluster.Rendering;

/// <summary>A label's font and colours, in device pixels.</summary>
/// <param name="FontFamily">Fontconfig family, e.g. "DejaVu Sans".</param>
/// <param name="SizePx">Font size in pixels.</param>
/// <param name="Bold">Bold weight.</param>
/// <param name="Italic">Italic slant.</param>
/// <param name="Color">Glyph colour.</param>
/// <param name="HaloColor">Halo colour around the glyphs.</param>
/// <param name="HaloRadius">Halo width in pixels; 0 for none.</param>
internal sealed record TextStyle(string FontFamily, double SizePx, bool Bold, bool Italic, Rgba Color, Rgba HaloColor, double HaloRadius);
