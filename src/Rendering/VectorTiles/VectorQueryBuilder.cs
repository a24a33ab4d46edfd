using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using TileCluster.Rendering.Data;
using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering.VectorTiles;

/// <summary>
/// Builds the statement that turns one style layer into vector tile layers for the tiles of a
/// metatile, with PostGIS' own encoders: <c>ST_AsMVTGeom</c> clips and snaps to the tile grid and
/// <c>ST_AsMVT</c> writes the protobuf, or <c>ST_AsGeoJSON</c> writes GeoJSON features. The
/// features are exactly those the raster style draws at that zoom (the same rule filter and area
/// limit); their properties are the columns the style reads, or a whitelist of them.
/// </summary>
internal static class VectorQueryBuilder
{
    /// <summary>Tile extent in MVT units.</summary>
    public const int Extent = 4096;

    /// <summary>Buffer around each tile in MVT units (4 CSS pixels of a 256 px tile): lines and areas continue under the edge, so renderers draw no seams.</summary>
    public const int Buffer = 64;

    /// <summary>Simplification tolerance as a fraction of a 256 px tile's pixel: a quarter pixel keeps shapes clean when a client overzooms by two levels.</summary>
    public const double TolerancePx = 0.25;

    /// <summary>The property that names a GeoJSON feature's style layer.</summary>
    public const string LayerProperty = "layer";

    /// <summary>
    /// The statement for <paramref name="layer"/> at <paramref name="zoom"/>, or null when nothing in it draws there.
    /// </summary>
    /// <param name="layer">The style layer; its name becomes the MVT layer name, or the GeoJSON features' <c>layer</c> property.</param>
    /// <param name="zoom">The tiles' zoom.</param>
    /// <param name="properties">The columns to carry as properties (a subset of the layer's), or null for all the layer's columns.</param>
    /// <param name="encoding">MVT or GeoJSON.</param>
    public static VectorQuery? Build(StyleLayer layer, int zoom, IReadOnlyCollection<string>? properties, VectorEncoding encoding)
    {
        if (!layer.IsVisibleAt(zoom))
        {
            return null;
        }

        var lists = ImmutableArray.CreateBuilder<string[]>();
        string? ruleFilter = LayerQueryBuilder.RuleFilter(layer, zoom, lists, out bool anyDrawing);
        if (!anyDrawing)
        {
            return null;
        }

        const string Envelope = "ST_MakeEnvelope(@x0, @y0, @x1, @y1, 3857)";
        bool simplifies = layer.Kind != GeometryKind.Point;
        bool whole = encoding.GeoJson && encoding.Clipping == GeoJsonClipping.Unclipped;
        string geometry = layer.Kind switch
        {
            GeometryKind.Point => layer.Table == "planet_osm_point" ? "way" : "ST_PointOnSurface(way)",
            _ when whole => "ST_Simplify(way, @tolerance, true)",
            _ => $"ST_Simplify(ST_ClipByBox2D(way, {Envelope}), @tolerance, true)",
        };

        // A GeoJSON feature's "layer" property names its style layer; an OSM column of that name is not carried there.
        var columns = layer.Columns.Where(c => (properties is null || properties.Contains(c)) && !(encoding.GeoJson && c == LayerProperty)).ToArray();
        var sql = new StringBuilder(512);
        sql.Append("WITH tiles AS (SELECT tx, ty, ST_TileEnvelope(@z, tx, ty) AS env FROM generate_series(@tx0, @tx1) AS tx CROSS JOIN generate_series(@ty0, @ty1) AS ty), ");
        sql.Append("features AS MATERIALIZED (SELECT ").Append(geometry).Append(" AS way");
        foreach (string column in columns)
        {
            string quoted = SqlIdentifier.Quote(column);
            sql.Append(", ").Append(quoted).Append("::text AS ").Append(quoted);
        }

        // The style's order (largest areas first, …) is the features' order in each tile.
        bool filtersArea = LayerQueryBuilder.AppendSelection(sql, layer, Envelope, ruleFilter);
        sql.Append(") ");
        string padded = $"ST_Expand(tiles.env, (ST_XMax(tiles.env) - ST_XMin(tiles.env)) * {((double)Buffer / Extent).ToString("R", CultureInfo.InvariantCulture)})";
        if (encoding.GeoJson)
        {
            string cut = encoding.Clipping switch
            {
                GeoJsonClipping.Clipped => "ST_ClipByBox2D(f.way, tiles.env)",
                GeoJsonClipping.Padded => $"ST_ClipByBox2D(f.way, {padded})",
                _ => "f.way",
            };
            string reach = encoding.Clipping == GeoJsonClipping.Clipped ? "tiles.env" : padded;
            sql.Append("SELECT tiles.tx, tiles.ty, (SELECT json_agg(ST_AsGeoJSON(q, 'geom', ").Append(encoding.Precision).Append(")::json)::text FROM (");
            sql.Append("SELECT ST_Transform(").Append(cut).Append(", 4326) AS geom, ").Append(Literal(layer.Name)).Append(" AS ").Append(LayerProperty);
            AppendColumns(sql, columns);
            sql.Append(" FROM features f WHERE f.way && ").Append(reach).Append(") q WHERE NOT ST_IsEmpty(q.geom)) FROM tiles");
        }
        else
        {
            sql.Append("SELECT tiles.tx, tiles.ty, (SELECT ST_AsMVT(q, ").Append(Literal(layer.Name)).Append(", ").Append(Extent).Append(", 'geom') FROM (");
            sql.Append("SELECT ST_AsMVTGeom(f.way, tiles.env, ").Append(Extent).Append(", ").Append(Buffer).Append(", true) AS geom");
            AppendColumns(sql, columns);
            sql.Append(" FROM features f WHERE f.way && ").Append(padded).Append(") q WHERE q.geom IS NOT NULL) FROM tiles");
        }

        return new VectorQuery(sql.ToString(), simplifies, filtersArea, layer.MinAreaPx, lists.ToImmutable());
    }

    private static void AppendColumns(StringBuilder sql, IEnumerable<string> columns)
    {
        foreach (string column in columns)
        {
            sql.Append(", f.").Append(SqlIdentifier.Quote(column));
        }
    }

    // Layer names come from the style file (validated identifiers with dashes); quoted as a literal all the same.
    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
