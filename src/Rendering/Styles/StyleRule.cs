using System.Collections.Immutable;

namespace TileCluster.Rendering.Styles;

/// <summary>
/// One rule of a layer. A feature is drawn by the first rule whose zoom range and conditions
/// match it, so put specific rules before catch-alls.
/// </summary>
/// <param name="Conditions">All must hold; empty matches everything.</param>
/// <param name="MinZoom">First zoom the rule applies to.</param>
/// <param name="MaxZoom">Last zoom the rule applies to.</param>
/// <param name="Polygon">Area symbolizer, if any.</param>
/// <param name="Line">Line symbolizer, if any.</param>
/// <param name="Text">Text symbolizer, if any.</param>
internal sealed record StyleRule(
    ImmutableArray<RuleCondition> Conditions,
    int MinZoom,
    int MaxZoom,
    PolygonSymbolizer? Polygon,
    LineSymbolizer? Line,
    TextSymbolizer? Text)
{
    /// <summary>Whether the rule is active at <paramref name="zoom"/>.</summary>
    public bool AppliesAt(int zoom) => zoom >= MinZoom && zoom <= MaxZoom;
}
