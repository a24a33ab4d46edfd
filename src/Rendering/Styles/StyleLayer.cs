using System.Collections.Immutable;

namespace TileCluster.Rendering.Styles;

/// <summary>One layer of a style: a query against one osm2pgsql table plus its rules.</summary>
/// <param name="Name">Layer name, for errors and metrics.</param>
/// <param name="Kind">What the layer draws.</param>
/// <param name="Table">One of the osm2pgsql tables.</param>
/// <param name="Columns">Every column the layer needs (declared plus those the rules reference), validated, without duplicates.</param>
/// <param name="Where">Trusted SQL filter, or null.</param>
/// <param name="Order">Trusted SQL ORDER BY expression list, or null.</param>
/// <param name="MinZoom">First zoom the layer is drawn at.</param>
/// <param name="MaxZoom">Last zoom the layer is drawn at.</param>
/// <param name="MinAreaPx">Polygons smaller than this many square CSS pixels are not fetched; 0 disables.</param>
/// <param name="Rules">The rules, in priority order.</param>
internal sealed record StyleLayer(
    string Name,
    GeometryKind Kind,
    string Table,
    ImmutableArray<string> Columns,
    string? Where,
    string? Order,
    int MinZoom,
    int MaxZoom,
    double MinAreaPx,
    ImmutableArray<StyleRule> Rules)
{
    /// <summary>Whether anything in the layer can draw at <paramref name="zoom"/>.</summary>
    public bool IsVisibleAt(int zoom)
    {
        if (zoom < MinZoom || zoom > MaxZoom)
        {
            return false;
        }

        foreach (var rule in Rules)
        {
            if (rule.AppliesAt(zoom))
            {
                return true;
            }
        }

        return false;
    }
}
