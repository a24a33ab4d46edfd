namespace TileCluster.Rendering;

/// <summary>Where the time of one metatile render went, for metrics and tuning.</summary>
/// <param name="Query">Running layer queries and decoding rows.</param>
/// <param name="Draw">Painting layer geometry.</param>
/// <param name="Labels">Placing and drawing labels.</param>
/// <param name="Encode">Cutting and encoding the tiles.</param>
/// <param name="Features">Features fetched over all layers.</param>
/// <param name="ThreadCpu">
/// The same phases in CPU time of the rendering thread: steadier than wall time on a shared
/// machine, and without the database's own work or tiles compressed on helper threads.
/// </param>
internal readonly record struct RenderBreakdown(TimeSpan Query, TimeSpan Draw, TimeSpan Labels, TimeSpan Encode, int Features, RenderPhaseTimes ThreadCpu = default)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"query {Query.TotalMilliseconds:F0} ms, draw {Draw.TotalMilliseconds:F0} ms, labels {Labels.TotalMilliseconds:F0} ms, encode {Encode.TotalMilliseconds:F0} ms, {Features} features";
}
