using TileCluster.Rendering.Data;
using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering;

/// <summary>Painting one layer's features.</summary>
internal sealed partial class MapRenderer
{
    private void DrawLayer(Canvas canvas, LayerPlan plan, in MetatileFrame frame)
    {
        switch (plan.Layer.Kind)
        {
            case GeometryKind.Polygon:
                DrawPolygons(canvas, plan, frame);
                break;
            case GeometryKind.Line:
                // Casings of every feature go below every stroke, so crossings join cleanly.
                DrawLines(canvas, plan, frame, casing: true);
                DrawLines(canvas, plan, frame, casing: false);
                break;
            default:
                break;
        }
    }

    private void DrawPolygons(Canvas canvas, LayerPlan plan, in MetatileFrame frame)
    {
        var outlines = plan.SymbolsAt(frame.Scale).Outlines;
        var features = _features;
        var geometry = features.Geometry;
        for (int f = 0; f < features.Count; f++)
        {
            int r = features.Rule(f);
            if (r < 0 || plan.Layer.Rules[plan.Rules[r]].Polygon is not { } symbolizer)
            {
                continue;
            }

            canvas.NewPath();
            bool any = false;
            for (int part = features.FirstPart(f); part < features.EndPart(f); part++)
            {
                if (geometry.KindOf(part) == PartKind.Ring)
                {
                    AddPath(canvas, geometry.PointsOf(part), close: true);
                    any = true;
                }
            }

            if (!any)
            {
                continue;
            }

            var outline = outlines[r];
            if (symbolizer.Fill is { } fill)
            {
                canvas.Fill(fill, preserve: outline is not null);
            }

            if (outline is not null)
            {
                canvas.Stroke(outline);
            }
        }

        canvas.NewPath();
    }

    private void DrawLines(Canvas canvas, LayerPlan plan, in MetatileFrame frame, bool casing)
    {
        var symbols = plan.SymbolsAt(frame.Scale);
        var strokes = casing ? symbols.Casings : symbols.Strokes;
        if (!(casing ? symbols.AnyCasing : symbols.AnyStroke))
        {
            return;
        }

        // Consecutive features with the same rule share one path and one stroke call.
        var features = _features;
        var geometry = features.Geometry;
        int pending = -1;
        canvas.NewPath();
        for (int f = 0; f < features.Count; f++)
        {
            int r = features.Rule(f);
            if (r < 0 || strokes[r] is null)
            {
                continue;
            }

            if (pending >= 0 && pending != r)
            {
                canvas.Stroke(strokes[pending]!);
            }

            pending = r;
            for (int part = features.FirstPart(f); part < features.EndPart(f); part++)
            {
                var kind = geometry.KindOf(part);
                if (kind != PartKind.Point)
                {
                    AddPath(canvas, geometry.PointsOf(part), close: kind == PartKind.Ring);
                }
            }
        }

        if (pending >= 0)
        {
            canvas.Stroke(strokes[pending]!);
        }

        canvas.NewPath();
    }

    private static void AddPath(Canvas canvas, ReadOnlySpan<double> points, bool close)
    {
        canvas.MoveTo(points[0], points[1]);
        for (int i = 2; i < points.Length; i += 2)
        {
            canvas.LineTo(points[i], points[i + 1]);
        }

        if (close)
        {
            canvas.ClosePath();
        }
    }
}
