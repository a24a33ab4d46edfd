using System.Globalization;
using TileCluster.Rendering.Data;
using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering;

/// <summary>Queuing one layer's labels for placement after all layers are drawn.</summary>
internal sealed partial class MapRenderer
{
    private void CollectLabels(LayerPlan plan, in MetatileFrame frame)
    {
        var styles = plan.SymbolsAt(frame.Scale).Texts;
        var features = _features;
        var geometry = features.Geometry;
        for (int f = 0; f < features.Count; f++)
        {
            int r = features.Rule(f);
            if (r < 0 || plan.TextColumns[r] < 0 || styles[r] is not { } style || plan.Layer.Rules[plan.Rules[r]].Text is not { } symbolizer)
            {
                continue;
            }

            string? text = features.Value(f, plan.TextColumns[r]);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            double sortValue = plan.SortColumns[r] >= 0 ? ParseNumber(features.Value(f, plan.SortColumns[r])) : 0;
            long osmId = features.OsmId(f);
            int first = features.FirstPart(f), end = features.EndPart(f);
            if (symbolizer.Placement == LabelPlacement.Line)
            {
                for (int part = first; part < end; part++)
                {
                    if (geometry.KindOf(part) != PartKind.Point)
                    {
                        _labels.AddLine(text, style, symbolizer, symbolizer.Spacing * frame.Scale, sortValue, plan.LayerIndex, r, osmId, geometry.PointsOf(part));
                    }
                }

                continue;
            }

            // Point placement: the first point; for lines or rings the middle vertex is a fair stand-in
            // (label areas through a point layer, which uses ST_PointOnSurface).
            if (first < end)
            {
                var points = geometry.PointsOf(first);
                int middle = (points.Length / 4) * 2;
                _labels.AddPoint(text, style, symbolizer, sortValue, plan.LayerIndex, r, osmId, points[middle], points[middle + 1]);
            }
        }
    }

    private static double ParseNumber(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : 0;
}
