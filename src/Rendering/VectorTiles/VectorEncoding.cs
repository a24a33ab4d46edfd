namespace TileCluster.Rendering.VectorTiles;

/// <summary>What a vector tile is written as: Mapbox Vector Tile protobuf, or a GeoJSON FeatureCollection.</summary>
/// <param name="GeoJson">False for MVT.</param>
/// <param name="Precision">GeoJSON only: decimal digits of the WGS84 coordinates.</param>
/// <param name="Clipping">GeoJSON only: how features are cut at the tile's edge (MVT tiles are always cut at the buffer).</param>
internal sealed record VectorEncoding(bool GeoJson, int Precision, GeoJsonClipping Clipping)
{
    /// <summary>Mapbox Vector Tiles.</summary>
    public static readonly VectorEncoding Mvt = new(false, 0, GeoJsonClipping.Padded);

    /// <summary>GeoJSON with <paramref name="precision"/> decimals, cut as <paramref name="clipping"/> says.</summary>
    public static VectorEncoding GeoJsonWith(int precision, GeoJsonClipping clipping) => new(true, precision, clipping);
}
