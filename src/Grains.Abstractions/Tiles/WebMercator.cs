namespace TileCluster.Grains.Abstractions.Tiles;

/// <summary>
/// Web Mercator (EPSG:3857) in one place: WGS84 degrees to metres and back, and the metre
/// extent of tiles in the Google/XYZ grid of 256 px tiles.
/// </summary>
public static class WebMercator
{
    /// <summary>Half the width of the world in metres (π · 6378137).</summary>
    public const double HalfWorld = 20037508.342789244;

    /// <summary>Tile size in pixels at scale 1.</summary>
    public const int TileSizePx = 256;

    private const double EarthRadius = 6378137;

    /// <summary>The latitude of the world's north edge (y = <see cref="HalfWorld"/>), about 85.0511°.</summary>
    public static readonly double MaxLatitude = Latitude(HalfWorld);

    /// <summary>Longitude in degrees to x in metres.</summary>
    public static double X(double longitude) => longitude * HalfWorld / 180;

    /// <summary>Latitude in degrees to y in metres.</summary>
    public static double Y(double latitude) => EarthRadius * Math.Log(Math.Tan((Math.PI / 4) + (latitude * Math.PI / 360)));

    /// <summary>x in metres to longitude in degrees.</summary>
    public static double Longitude(double x) => x * 180 / HalfWorld;

    /// <summary>y in metres to latitude in degrees.</summary>
    public static double Latitude(double y) => ((2 * Math.Atan(Math.Exp(y / EarthRadius))) - (Math.PI / 2)) * 180 / Math.PI;

    /// <summary>Metres per pixel of a 256 px tile at <paramref name="zoom"/> (TMS's <c>units-per-pixel</c>).</summary>
    public static double MetresPerPixel(int zoom) => 2 * HalfWorld / ((double)TileSizePx * TileCoord.TilesPerSide(zoom));

    /// <summary>The x in metres of the west edge of tile column <paramref name="column"/> (the column count for the east edge of the world).</summary>
    public static double ColumnEdgeX(int zoom, int column) => -HalfWorld + (column * TileSizePx * MetresPerPixel(zoom));

    /// <summary>The y in metres of the north edge of XYZ tile row <paramref name="row"/> (the row count for the south edge of the world).</summary>
    public static double RowEdgeY(int zoom, int row) => HalfWorld - (row * TileSizePx * MetresPerPixel(zoom));
}
