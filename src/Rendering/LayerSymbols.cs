using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering;

/// <summary>
/// A layer plan's stroke and text styles in device pixels at one render scale, per active rule
/// (null where the rule does not draw that way). Built once and reused by every render of the
/// plan, so the canvas can keep per-style native state (dash effects) keyed by them.
/// </summary>
internal sealed class LayerSymbols
{
    private LayerSymbols(StrokeStyle?[] outlines, StrokeStyle?[] casings, StrokeStyle?[] strokes, TextStyle?[] texts)
    {
        Outlines = outlines;
        Casings = casings;
        Strokes = strokes;
        Texts = texts;
        AnyCasing = Array.Exists(casings, s => s is not null);
        AnyStroke = Array.Exists(strokes, s => s is not null);
    }

    /// <summary>Polygon outlines.</summary>
    public StrokeStyle?[] Outlines { get; }

    /// <summary>Line casings.</summary>
    public StrokeStyle?[] Casings { get; }

    /// <summary>Line strokes.</summary>
    public StrokeStyle?[] Strokes { get; }

    /// <summary>Label styles.</summary>
    public TextStyle?[] Texts { get; }

    /// <summary>Whether any rule has a casing.</summary>
    public bool AnyCasing { get; }

    /// <summary>Whether any rule has a visible stroke.</summary>
    public bool AnyStroke { get; }

    /// <summary>Builds the styles of <paramref name="rules"/> (indices into the layer's rules) at a zoom and scale.</summary>
    public static LayerSymbols Create(StyleLayer layer, int[] rules, int zoom, int scale)
    {
        var outlines = new StrokeStyle?[rules.Length];
        var casings = new StrokeStyle?[rules.Length];
        var strokes = new StrokeStyle?[rules.Length];
        var texts = new TextStyle?[rules.Length];
        for (int r = 0; r < rules.Length; r++)
        {
            var rule = layer.Rules[rules[r]];
            if (rule.Polygon is { Outline: { } outline } polygon)
            {
                outlines[r] = new StrokeStyle(outline, polygon.OutlineWidth.At(zoom) * scale, LineCap.Butt, LineJoin.Round);
            }

            if (rule.Line is { } line)
            {
                double width = line.Width.At(zoom);
                if (line.Casing is { } casing)
                {
                    casings[r] = new StrokeStyle(casing, (width + (2 * line.CasingWidth.At(zoom))) * scale, line.Cap, line.Join);
                }

                if (line.Stroke.A > 0 && width > 0)
                {
                    double[]? dash = null;
                    if (!line.Dash.IsEmpty)
                    {
                        dash = new double[line.Dash.Length];
                        for (int i = 0; i < dash.Length; i++)
                        {
                            dash[i] = line.Dash[i] * scale;
                        }
                    }

                    strokes[r] = new StrokeStyle(line.Stroke, width * scale, line.Cap, line.Join, dash);
                }
            }

            if (rule.Text is { } text)
            {
                texts[r] = new TextStyle(text.Font, text.Size.At(zoom) * scale, text.Color, text.HaloColor, text.HaloRadius * scale);
            }
        }

        return new LayerSymbols(outlines, casings, strokes, texts);
    }
}
