namespace TileCluster.Rendering.Labels;

/// <summary>An axis-aligned box in device pixels that a label occupies.</summary>
/// <param name="MinX">Left.</param>
/// <param name="MinY">Top.</param>
/// <param name="MaxX">Right.</param>
/// <param name="MaxY">Bottom.</param>
internal readonly record struct LabelBox(double MinX, double MinY, double MaxX, double MaxY)
{
    /// <summary>A box of <paramref name="width"/> x <paramref name="height"/> centred on (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static LabelBox Centered(double x, double y, double width, double height) =>
        new(x - (width / 2), y - (height / 2), x + (width / 2), y + (height / 2));

    /// <summary>Whether the boxes overlap (touching edges do not count).</summary>
    public bool Intersects(in LabelBox other) =>
        MinX < other.MaxX && other.MinX < MaxX && MinY < other.MaxY && other.MinY < MaxY;

    /// <summary>Whether this box lies entirely inside <paramref name="outer"/>.</summary>
    public bool IsInside(in LabelBox outer) =>
        MinX >= outer.MinX && MinY >= outer.MinY && MaxX <= outer.MaxX && MaxY <= outer.MaxY;
}
