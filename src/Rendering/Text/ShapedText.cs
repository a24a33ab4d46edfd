namespace TileCluster.Rendering.Text;

/// <summary>
/// A label shaped into glyph runs (one per font of the fallback chain it needed), laid out on one
/// line from x = 0; the baseline is at y = 0.
/// </summary>
/// <param name="Runs">Runs in visual order.</param>
/// <param name="Width">Total advance in pixels.</param>
/// <param name="Ascent">Distance from the baseline up to the line top (positive), from the primary font.</param>
/// <param name="Descent">Distance from the baseline down to the line bottom (positive).</param>
internal sealed record ShapedText(ShapedRun[] Runs, float Width, float Ascent, float Descent)
{
    /// <summary>Line height: ascent plus descent.</summary>
    public float Height => Ascent + Descent;

    /// <summary>Where the baseline goes relative to the line's vertical centre (y down).</summary>
    public float BaselineFromCenter => (Ascent - Descent) / 2;
}
