using TileCluster.Grains.Abstractions.Export;
using TileCluster.Rendering.Styles;
using TileCluster.Rendering.Text;

namespace TileCluster.Rendering.Labels;

/// <summary>
/// Collects the labels of all layers during a render, then places them in a deterministic
/// order (see <see cref="LabelCandidate.Compare"/>) so that no two overlap and none crosses the
/// metatile edge, and draws the ones that fit. Reused across renders by one renderer.
/// </summary>
internal sealed class LabelPlacer
{
    private static readonly Comparison<LabelCandidate> Order = LabelCandidate.Compare;

    private readonly CollisionIndex _index = new();
    private readonly List<LabelCandidate> _candidates = [];
    private readonly List<LinePosition> _positions = [];
    private readonly Dictionary<string, List<LinePosition>> _placedLines = new(StringComparer.Ordinal);
    private readonly LabelBox[] _boxes = new LabelBox[128];
    private double[] _points = new double[4096];
    private int _pointCount;
    private double _padding;

    /// <summary>Labels collected so far.</summary>
    public int CandidateCount => _candidates.Count;

    /// <summary>Starts a render: labels must fit inside <paramref name="bounds"/>, kept <paramref name="padding"/> px apart.</summary>
    public void Begin(LabelBox bounds, double padding)
    {
        _index.Reset(bounds);
        _candidates.Clear();
        _placedLines.Clear();

        _pointCount = 0;
        _padding = padding;
    }

    /// <summary>Queues a label centred on a point.</summary>
    public void AddPoint(string text, TextStyle style, TextSymbolizer symbolizer, double sortValue, int layer, int rule, long osmId, double x, double y) =>
        _candidates.Add(new LabelCandidate(text, style, LabelPlacement.Point, 0, symbolizer.Priority, sortValue, layer, rule, osmId, _candidates.Count, x, y, 0, 0));

    /// <summary>Queues a label along a line (its points are copied).</summary>
    public void AddLine(string text, TextStyle style, TextSymbolizer symbolizer, double spacingPx, double sortValue, int layer, int rule, long osmId, ReadOnlySpan<double> points)
    {
        if (_pointCount + points.Length > _points.Length)
        {
            Array.Resize(ref _points, Math.Max(_points.Length * 2, _pointCount + points.Length));
        }

        points.CopyTo(_points.AsSpan(_pointCount));
        _candidates.Add(new LabelCandidate(
            text, style, LabelPlacement.Line, spacingPx, symbolizer.Priority, sortValue, layer, rule, osmId, _candidates.Count, 0, 0, _pointCount, points.Length));
        _pointCount += points.Length;
    }

    /// <summary>Shapes, places and draws every queued label that fits; returns how many were drawn.</summary>
    public int PlaceAndDraw(Canvas canvas, TextShaper shaper) => Place(shaper, canvas, null);

    /// <summary>
    /// Shapes and places every queued label that fits, and adds each placement to
    /// <paramref name="placed"/> in drawing order instead of drawing it (an export's strips draw
    /// them); returns how many were placed.
    /// </summary>
    public int Place(TextShaper shaper, List<ExportLabel> placed) => Place(shaper, null, placed);

    private int Place(TextShaper shaper, Canvas? canvas, List<ExportLabel>? placed)
    {
        _candidates.Sort(Order);
        int drawn = 0;
        foreach (var candidate in _candidates)
        {
            var shaped = shaper.Shape(candidate.Text, candidate.Style);
            double margin = (2 * candidate.Style.HaloRadius) + (2 * _padding);
            double width = shaped.Width + margin, height = shaped.Height + margin;
            if (candidate.Placement == LabelPlacement.Point)
            {
                if (TryPlacePoint(candidate.X, candidate.Y, width, height))
                {
                    canvas?.DrawText(shaped, candidate.X, candidate.Y, candidate.Style);
                    placed?.Add(new ExportLabel(candidate.Text, candidate.Layer, candidate.Rule, candidate.X, candidate.Y, null, 0, 0, false));
                    drawn++;
                }

                continue;
            }

            var points = _points.AsSpan(candidate.PointStart, candidate.PointLength);
            double[]? line = null;
            _positions.Clear();
            LinePlacement.Find(points, shaped.Width + (2 * _padding), candidate.Spacing, _positions);
            foreach (var position in _positions)
            {
                if (TryPlaceLine(candidate.Text, points, position, width, height, candidate.Spacing))
                {
                    canvas?.DrawTextAlong(shaped, points, position, candidate.Style);
                    if (placed is not null)
                    {
                        line ??= points.ToArray();
                        placed.Add(new ExportLabel(candidate.Text, candidate.Layer, candidate.Rule, position.X, position.Y, line, position.Start, position.Length, position.Reversed));
                    }

                    drawn++;
                }
            }
        }

        return drawn;
    }

    /// <summary>Reserves a <paramref name="width"/> x <paramref name="height"/> box centred on the point, if it fits.</summary>
    public bool TryPlacePoint(double x, double y, double width, double height)
    {
        Span<LabelBox> box = [LabelBox.Centered(x, y, width, height)];
        return _index.TryInsert(box);
    }

    /// <summary>
    /// Reserves the boxes of a label along <paramref name="points"/>, if they fit and no label with
    /// the same text is within <paramref name="spacing"/>.
    /// </summary>
    public bool TryPlaceLine(string text, ReadOnlySpan<double> points, in LinePosition position, double width, double height, double spacing)
    {
        if (!_placedLines.TryGetValue(text, out var placed))
        {
            placed = [];
            _placedLines.Add(text, placed);
        }

        foreach (var other in placed)
        {
            double dx = other.X - position.X, dy = other.Y - position.Y;
            if ((dx * dx) + (dy * dy) < spacing * spacing)
            {
                return false;
            }
        }

        int n = LinePlacement.Boxes(points, position, width, height, _boxes);
        if (!_index.TryInsert(_boxes.AsSpan(0, n)))
        {
            return false;
        }

        placed.Add(position);
        return true;
    }
}
