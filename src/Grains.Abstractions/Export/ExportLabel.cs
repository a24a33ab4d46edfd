namespace TileCluster.Grains.Abstractions.Export;

/// <summary>
/// One label placed for a whole export image, in that image's device pixels. Labels are placed
/// once for the whole image and every strip draws them (clipped to its rows), so a label is never
/// cut at a strip edge nor drawn twice.
/// </summary>
/// <param name="Text">The label text.</param>
/// <param name="Layer">Index of the style layer the label comes from.</param>
/// <param name="Rule">Index of the layer's rule (among those active at the zoom) that gives its text style.</param>
/// <param name="X">Point labels: the centre; line labels: the middle of the stretch it follows.</param>
/// <param name="Y">Point labels: the centre; line labels: the middle of the stretch it follows.</param>
/// <param name="Line">Line labels: the line's points (x0, y0, x1, y1, ...); null for a point label.</param>
/// <param name="Start">Line labels: where the stretch begins, in pixels along the line.</param>
/// <param name="Length">Line labels: the stretch's length in pixels.</param>
/// <param name="Reversed">Line labels: the text runs against the line's direction.</param>
[GenerateSerializer]
[Immutable]
public sealed record ExportLabel(string Text, int Layer, int Rule, double X, double Y, double[]? Line, double Start, double Length, bool Reversed);
