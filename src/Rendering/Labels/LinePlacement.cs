namespace TileCluster.Rendering.Labels;

/// <summary>
/// Finds stretches of a polyline that are straight enough to carry a label along their chord.
/// Candidates are spread evenly by the spacing; each is nudged along the line when its stretch
/// bends too much.
/// </summary>
internal static class LinePlacement
{
    /// <summary>The chord must be at least this share of the text width (the arc may be a little longer).</summary>
    private const double MinChordRatio = 0.95;

    /// <summary>
    /// Appends label positions for a <paramref name="width"/> x <paramref name="height"/> label
    /// along <paramref name="points"/> (x0, y0, x1, y1, ...).
    /// </summary>
    public static void Find(ReadOnlySpan<double> points, double width, double height, double spacing, List<LinePosition> into)
    {
        int count = points.Length / 2;
        if (count < 2)
        {
            return;
        }

        double length = 0;
        for (int i = 1; i < count; i++)
        {
            length += Distance(points, i - 1, i);
        }

        if (length < width)
        {
            return;
        }

        int labels = Math.Max(1, (int)(length / spacing));
        double step = Math.Max(width / 4, 1);
        double maxDeviation = Math.Max(1.5, height * 0.25);
        for (int k = 0; k < labels; k++)
        {
            double target = length * (k + 0.5) / labels;
            double reach = Math.Min(spacing, length) / 2;
            for (int attempt = 0; attempt * step <= reach; attempt++)
            {
                // Try the target, then alternately further and nearer along the line.
                if (TryAt(points, target + (attempt * step), width, maxDeviation, length, into)
                    || (attempt > 0 && TryAt(points, target - (attempt * step), width, maxDeviation, length, into)))
                {
                    break;
                }
            }
        }
    }

    private static bool TryAt(ReadOnlySpan<double> points, double center, double width, double maxDeviation, double length, List<LinePosition> into)
    {
        double start = center - (width / 2);
        double end = center + (width / 2);
        if (start < 0 || end > length)
        {
            return false;
        }

        int count = points.Length / 2;
        double walked = 0;
        double ax = 0, ay = 0, bx = 0, by = 0;
        int firstInner = -1, lastInner = -1;
        for (int i = 1; i < count; i++)
        {
            double segment = Distance(points, i - 1, i);
            double segStart = walked;
            walked += segment;
            if (firstInner < 0 && start <= walked)
            {
                (ax, ay) = Lerp(points, i - 1, i, segment > 0 ? (start - segStart) / segment : 0);
                firstInner = i;
            }

            if (end <= walked)
            {
                (bx, by) = Lerp(points, i - 1, i, segment > 0 ? (end - segStart) / segment : 0);
                lastInner = i - 1;
                break;
            }
        }

        if (firstInner < 0 || lastInner < 0)
        {
            return false;
        }

        double dx = bx - ax, dy = by - ay;
        double chord = Math.Sqrt((dx * dx) + (dy * dy));
        if (chord < width * MinChordRatio)
        {
            return false;
        }

        // Every vertex inside the stretch must stay close to the chord.
        for (int i = firstInner; i <= lastInner; i++)
        {
            double px = points[i * 2] - ax, py = points[(i * 2) + 1] - ay;
            if (Math.Abs((px * dy) - (py * dx)) / chord > maxDeviation)
            {
                return false;
            }
        }

        double angle = Math.Atan2(dy, dx);
        if (angle > Math.PI / 2)
        {
            angle -= Math.PI;
        }
        else if (angle <= -Math.PI / 2)
        {
            angle += Math.PI;
        }

        into.Add(new LinePosition((ax + bx) / 2, (ay + by) / 2, angle));
        return true;
    }

    private static double Distance(ReadOnlySpan<double> p, int a, int b)
    {
        double dx = p[b * 2] - p[a * 2], dy = p[(b * 2) + 1] - p[(a * 2) + 1];
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    private static (double X, double Y) Lerp(ReadOnlySpan<double> p, int a, int b, double t) =>
        (p[a * 2] + ((p[b * 2] - p[a * 2]) * t), p[(a * 2) + 1] + ((p[(b * 2) + 1] - p[(a * 2) + 1]) * t));

    /// <summary>
    /// Writes the collision boxes of a rotated label: squares of the text height along its axis,
    /// which hug a diagonal label far better than one bounding box. Returns how many were written.
    /// </summary>
    public static int Boxes(in LinePosition position, double width, double height, Span<LabelBox> into)
    {
        int n = Math.Clamp((int)Math.Ceiling(width / height), 1, into.Length);
        double cos = Math.Cos(position.Angle), sin = Math.Sin(position.Angle);
        double stepLength = n > 1 ? (width - height) / (n - 1) : 0;
        double first = n > 1 ? -(width - height) / 2 : 0;
        double side = n > 1 ? height : Math.Max(width, height);
        for (int i = 0; i < n; i++)
        {
            double along = first + (i * stepLength);
            into[i] = LabelBox.Centered(position.X + (along * cos), position.Y + (along * sin), side, side);
        }

        return n;
    }
}
