using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering.Labels;

/// <summary>A label waiting for placement; line labels reference their points in the placer's pool.</summary>
/// <param name="Text">The label text.</param>
/// <param name="Style">Font and colours in device pixels.</param>
/// <param name="Placement">Point or line.</param>
/// <param name="Spacing">Line labels: device pixels between repeats.</param>
/// <param name="Priority">Higher is placed first.</param>
/// <param name="SortValue">Among equal priorities, larger is placed first.</param>
/// <param name="Layer">Layer index: earlier layers win the next tie.</param>
/// <param name="Rule">Index of the layer's active rule whose text style this is (so an export strip can find it again).</param>
/// <param name="OsmId">Final, stable tie-break.</param>
/// <param name="Sequence">Order of arrival, so equal candidates keep a deterministic order.</param>
/// <param name="X">Point labels: centre x.</param>
/// <param name="Y">Point labels: centre y.</param>
/// <param name="PointStart">Line labels: first coordinate index in the pool.</param>
/// <param name="PointLength">Line labels: number of coordinates (2 per point).</param>
internal readonly record struct LabelCandidate(
    string Text,
    TextStyle Style,
    LabelPlacement Placement,
    double Spacing,
    double Priority,
    double SortValue,
    int Layer,
    int Rule,
    long OsmId,
    int Sequence,
    double X,
    double Y,
    int PointStart,
    int PointLength)
{
    /// <summary>Placement order: priority, sort value, layer, OSM id, arrival.</summary>
    public static int Compare(LabelCandidate a, LabelCandidate b)
    {
        int c = b.Priority.CompareTo(a.Priority);
        if (c == 0)
        {
            c = b.SortValue.CompareTo(a.SortValue);
        }

        if (c == 0)
        {
            c = a.Layer.CompareTo(b.Layer);
        }

        if (c == 0)
        {
            c = a.OsmId.CompareTo(b.OsmId);
        }

        return c != 0 ? c : a.Sequence.CompareTo(b.Sequence);
    }
}
