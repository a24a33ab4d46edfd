using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Abstractions.Configuration;

/// <summary>
/// One box of <c>Layers:{name}:Bounds</c> in WGS84 degrees, optionally for a zoom range only
/// (TileStache's <c>low</c> and <c>high</c>).
/// </summary>
public sealed class LayerBoundsOptions
{
    /// <summary>West edge, longitude in degrees.</summary>
    public double? West { get; set; }

    /// <summary>South edge, latitude in degrees.</summary>
    public double? South { get; set; }

    /// <summary>East edge, longitude in degrees.</summary>
    public double? East { get; set; }

    /// <summary>North edge, latitude in degrees.</summary>
    public double? North { get; set; }

    /// <summary>Lowest zoom the box applies to; the layer's <c>MinZoom</c> when unset.</summary>
    public int? MinZoom { get; set; }

    /// <summary>Highest zoom the box applies to; the layer's <c>MaxZoom</c> when unset.</summary>
    public int? MaxZoom { get; set; }

    /// <summary>
    /// Whether <paramref name="tile"/> is at a zoom of this box and overlaps it (touching an edge
    /// is not overlapping). Only for validated bounds.
    /// </summary>
    public bool Covers(TileCoord tile)
    {
        if (tile.Z < (MinZoom ?? 0) || tile.Z > (MaxZoom ?? TileCoord.MaxSupportedZoom))
        {
            return false;
        }

        double west = WebMercator.ColumnEdgeX(tile.Z, tile.X), east = WebMercator.ColumnEdgeX(tile.Z, tile.X + 1);
        double north = WebMercator.RowEdgeY(tile.Z, tile.Y), south = WebMercator.RowEdgeY(tile.Z, tile.Y + 1);
        return west < WebMercator.X(East!.Value) && east > WebMercator.X(West!.Value)
            && south < WebMercator.Y(North!.Value) && north > WebMercator.Y(South!.Value);
    }
}
