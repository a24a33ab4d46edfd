using SkiaSharp;

namespace TileCluster.Rendering.Text;

/// <summary>Glyphs of one font, shaped by HarfBuzz, in visual (left-to-right) order.</summary>
/// <param name="Font">The sized font the glyphs belong to.</param>
/// <param name="Glyphs">Glyph ids.</param>
/// <param name="X">Each glyph's pen x from the label's left edge, in pixels.</param>
/// <param name="Y">Each glyph's shaping offset from the baseline (y down), in pixels.</param>
/// <param name="Advances">Each glyph's advance, in pixels (0 for marks that attach to a base).</param>
internal sealed record ShapedRun(SKFont Font, ushort[] Glyphs, float[] X, float[] Y, float[] Advances);
