namespace TileCluster.Rendering.Labels;

/// <summary>
/// Finds stretches of a polyline that can carry a label glyph by glyph, and walks them: a stretch
/// qualifies when no vertex inside it turns sharper than <see cref="MaxTurnRadians"/> and it does
/// not wind by more than <see cref="MaxWindingRadians"/> in all. Candidates are spread evenly by
/// the spacing; each is nudged along the line when its stretch bends too much.
/// </summary>
internal static class LinePlacement
{
    /// <summary>Sharpest bend (between two segments) a label may follow: about Mapnik's max-char-angle-delta.</summary>
    public const double MaxTurnRadians = 30 * Math.PI / 180;

    /// <summary>Total winding a label may follow, so labels do not curl around hairpins.</summary>
    public const double MaxWindingRadians = 75 * Math.PI / 180;

    /// <summary>
    /// Appends positions for a label <paramref name="width"/> pixels long along
    /// <paramref name="points"/> (x0, y0, x1, y1, ...).
    /// </summary>
    public static void Find(ReadOnlySpan<double> points, double width, double spacing, List<LinePosition> into)
    {
        int count = points.Length / 2;
        if (count < 2)
        {
            return;
        }

        double length = Length(points);
        if (length < width)
        {
            return;
        }

        int labels = Math.Max(1, (int)(length / spacing));
        double step = Math.Max(width / 4, 1);
        for (int k = 0; k < labels; k++)
        {
            double target = length * (k + 0.5) / labels;
            double reach = Math.Min(spacing, length) / 2;
            for (int attempt = 0; attempt * step <= reach; attempt++)
            {
                // Try the target, then alternately further and nearer along the line.
                if (TryAt(points, target + (attempt * step), width, length, into)
                    || (attempt > 0 && TryAt(points, target - (attempt * step), width, length, into)))
                {
                    break;
                }
            }
        }
    }

    /// <summary>The length of the polyline.</summary>
    public static double Length(ReadOnlySpan<double> points)
    {
        double length = 0;
        for (int i = 1; i < points.Length / 2; i++)
        {
            length += Distance(points, i - 1, i);
        }

        return length;
    }

    /// <summary>
    /// The point <paramref name="distance"/> pixels along the polyline and the direction of the line
    /// there (radians, y down); beyond either end the end segment is extended.
    /// </summary>
    public static (double X, double Y, double Angle) PointAt(ReadOnlySpan<double> points, double distance)
    {
        int count = points.Length / 2;
        double walked = 0;
        int last = -1;
        for (int i = 1; i < count; i++)
        {
            double segment = Distance(points, i - 1, i);
            if (segment <= 0)
            {
                continue;
            }

            last = i;
            if (distance <= walked + segment || i == count - 1)
            {
                return Along(points, i - 1, i, (distance - walked) / segment);
            }

            walked += segment;
        }

        // Zero-length tail segments: extend the last real one.
        return last > 0 ? Along(points, last - 1, last, 1 + ((distance - walked) / Distance(points, last - 1, last))) : (points[0], points[1], 0);
    }

    /// <summary>
    /// Writes the collision boxes of a label <paramref name="width"/> x <paramref name="height"/>
    /// centred on <paramref name="position"/>'s stretch: squares of the text height along the line,
    /// which follow a curved or diagonal label far better than one bounding box. Returns how many.
    /// </summary>
    public static int Boxes(ReadOnlySpan<double> points, in LinePosition position, double width, double height, Span<LabelBox> into)
    {
        int n = Math.Clamp((int)Math.Ceiling(width / height), 1, into.Length);
        double center = position.Start + (position.Length / 2);
        double stepLength = n > 1 ? (width - height) / (n - 1) : 0;
        double first = n > 1 ? center - ((width - height) / 2) : center;
        double side = n > 1 ? height : Math.Max(width, height);
        for (int i = 0; i < n; i++)
        {
            var (x, y, _) = PointAt(points, first + (i * stepLength));
            into[i] = LabelBox.Centered(x, y, side, side);
        }

        return n;
    }

    private static bool TryAt(ReadOnlySpan<double> points, double center, double width, double length, List<LinePosition> into)
    {
        double start = center - (width / 2);
        double end = center + (width / 2);
        if (start < 0 || end > length)
        {
            return false;
        }

        int count = points.Length / 2;
        double walked = 0, winding = 0;
        double? previousAngle = null;
        for (int i = 1; i < count && walked < end; i++)
        {
            double segment = Distance(points, i - 1, i);
            if (segment <= 0)
            {
                continue;
            }

            double angle = Math.Atan2(points[(i * 2) + 1] - points[(i * 2) - 1], points[i * 2] - points[(i * 2) - 2]);

            // A vertex at 'walked' lies inside the stretch: the label bends there.
            if (previousAngle is { } before && walked > start)
            {
                double turn = Math.IEEERemainder(angle - before, 2 * Math.PI);
                winding += turn;
                if (Math.Abs(turn) > MaxTurnRadians || Math.Abs(winding) > MaxWindingRadians)
                {
                    return false;
                }
            }

            previousAngle = angle;
            walked += segment;
        }

        var (ax, ay, _) = PointAt(points, start);
        var (bx, by, _) = PointAt(points, end);
        var (cx, cy, _) = PointAt(points, center);

        // Read left to right; a vertical stretch reads top to bottom (as rotated text does).
        bool reversed = bx < ax || (bx == ax && by < ay);
        into.Add(new LinePosition(start, width, reversed, cx, cy));
        return true;
    }

    private static (double X, double Y, double Angle) Along(ReadOnlySpan<double> p, int a, int b, double t)
    {
        double dx = p[b * 2] - p[a * 2], dy = p[(b * 2) + 1] - p[(a * 2) + 1];
        return (p[a * 2] + (dx * t), p[(a * 2) + 1] + (dy * t), Math.Atan2(dy, dx));
    }

    private static double Distance(ReadOnlySpan<double> p, int a, int b)
    {
        double dx = p[b * 2] - p[a * 2], dy = p[(b * 2) + 1] - p[(a * 2) + 1];
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
