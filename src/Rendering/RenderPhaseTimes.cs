namespace TileCluster.Rendering;

/// <summary>Time spent in each phase of one metatile render.</summary>
/// <param name="Query">Running layer queries and decoding rows.</param>
/// <param name="Draw">Painting layer geometry.</param>
/// <param name="Labels">Placing and drawing labels.</param>
/// <param name="Encode">Cutting and encoding the tiles.</param>
internal readonly record struct RenderPhaseTimes(TimeSpan Query, TimeSpan Draw, TimeSpan Labels, TimeSpan Encode)
{
    /// <summary>The sum of the phases.</summary>
    public TimeSpan Total => Query + Draw + Labels + Encode;
}
