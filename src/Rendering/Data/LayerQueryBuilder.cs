using System.Collections.Immutable;
using System.Text;
using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering.Data;

/// <summary>
/// Builds the single query a layer needs at one zoom: only the rules active at that zoom are
/// pushed down as a filter, so low zooms never fetch what they will not draw.
/// </summary>
internal static class LayerQueryBuilder
{
    /// <summary>Simplification tolerance in device pixels: half a pixel is invisible.</summary>
    public const double TolerancePx = 0.5;

    /// <summary>The query for <paramref name="layer"/> at <paramref name="zoom"/>, or null when nothing in it draws there.</summary>
    public static LayerQuery? Build(StyleLayer layer, int zoom)
    {
        if (!layer.IsVisibleAt(zoom))
        {
            return null;
        }

        var lists = ImmutableArray.CreateBuilder<string[]>();
        string? ruleFilter = RuleFilter(layer, zoom, lists, out bool anyDrawing);
        if (!anyDrawing)
        {
            return null;
        }

        const string Envelope = "ST_MakeEnvelope(@x0, @y0, @x1, @y1, 3857)";
        bool isPointTable = layer.Table == "planet_osm_point";
        bool simplifies = layer.Kind != GeometryKind.Point;
        string geometry = layer.Kind switch
        {
            GeometryKind.Point => isPointTable ? "way" : "ST_PointOnSurface(way)",

            // Clipping to the envelope first keeps huge areas and long lines (forests, the national
            // border) cheap to simplify, send and stroke; the cut lies in the buffer, out of sight.
            // ST_Simplify (liblwgeom's Douglas-Peucker) rather than ST_SimplifyPreserveTopology:
            // the latter round-trips through GEOS and made road queries ~8x slower, while at half a
            // pixel any topology it would protect is invisible. 'true' keeps collapsed tiny features.
            _ => $"ST_Simplify(ST_ClipByBox2D(way, {Envelope}), @tolerance, true)",
        };

        var sql = new StringBuilder(256);
        sql.Append("SELECT osm_id, ST_AsBinary(").Append(geometry).Append(')');
        foreach (string column in layer.Columns)
        {
            sql.Append(", ").Append(SqlIdentifier.Quote(column)).Append("::text");
        }

        // The rows are chosen by their own envelope: an export strip keeps the whole image's clip
        // (so its features are exactly the one-piece image's) but fetches only those near its rows.
        bool filtersArea = AppendSelection(sql, layer, "ST_MakeEnvelope(@fx0, @fy0, @fx1, @fy1, 3857)", ruleFilter);
        return new LayerQuery(sql.ToString(), layer.Columns, simplifies, filtersArea, lists.ToImmutable());
    }

    /// <summary>
    /// Appends <c>FROM table WHERE way &amp;&amp; envelope</c>, the layer's own filter, the rule filter and the
    /// area limit, then <c>ORDER BY</c> the layer's order and osm_id (last, so the order is total and
    /// neighbouring metatiles agree). Returns whether <c>@min_area</c> is used.
    /// </summary>
    public static bool AppendSelection(StringBuilder sql, StyleLayer layer, string envelope, string? ruleFilter)
    {
        sql.Append(" FROM ").Append(layer.Table).Append(" WHERE way && ").Append(envelope);
        if (layer.Where is { } where)
        {
            sql.Append(" AND (").Append(where).Append(')');
        }

        if (ruleFilter is not null)
        {
            sql.Append(" AND (").Append(ruleFilter).Append(')');
        }

        bool filtersArea = layer.MinAreaPx > 0;
        if (filtersArea)
        {
            sql.Append(" AND way_area >= @min_area");
        }

        sql.Append(" ORDER BY ");
        if (layer.Order is { } order)
        {
            sql.Append(order).Append(", ");
        }

        sql.Append("osm_id");
        return filtersArea;
    }

    /// <summary>Minimum way_area in m² for <paramref name="minAreaPx"/> CSS px² at <paramref name="zoom"/>.</summary>
    public static double MinAreaMetres(double minAreaPx, int zoom)
    {
        double metresPerCssPixel = 2 * MetatileFrame.HalfWorld / (MetatileFrame.BaseTileSize * Math.Pow(2, zoom));
        return minAreaPx * metresPerCssPixel * metresPerCssPixel;
    }

    /// <summary>
    /// The SQL filter selecting the features some rule active at <paramref name="zoom"/> draws (null: every row),
    /// adding its value lists to <paramref name="lists"/>; <paramref name="anyDrawing"/> is false when no rule draws there.
    /// </summary>
    public static string? RuleFilter(StyleLayer layer, int zoom, ImmutableArray<string[]>.Builder lists, out bool anyDrawing)
    {
        anyDrawing = false;
        var clauses = new List<string>();
        foreach (var rule in layer.Rules)
        {
            // Rules without symbolizers only hide features; they need not be fetched.
            if (!rule.AppliesAt(zoom) || (rule.Polygon is null && rule.Line is null && rule.Text is null))
            {
                continue;
            }

            anyDrawing = true;
            if (rule.Conditions.IsEmpty)
            {
                // A catch-all rule needs every row.
                return null;
            }

            var terms = new List<string>(rule.Conditions.Length);
            foreach (var condition in rule.Conditions)
            {
                terms.Add(ConditionSql(condition, lists));
            }

            string clause = string.Join(" AND ", terms);
            if (!clauses.Contains(clause))
            {
                clauses.Add(clause);
            }
        }

        return clauses.Count == 0 ? null : "(" + string.Join(") OR (", clauses) + ")";
    }

    private static string ConditionSql(RuleCondition condition, ImmutableArray<string[]>.Builder lists)
    {
        string column = SqlIdentifier.Quote(condition.Column);
        var values = new List<string>();
        bool matchesNull = false;
        foreach (string? value in condition.Values)
        {
            if (value is null)
            {
                matchesNull = true;
            }
            else
            {
                values.Add(value);
            }
        }

        string? any = null;
        if (values.Count > 0)
        {
            any = $"{column}::text = ANY(@v{lists.Count})";
            lists.Add([.. values]);
        }

        return (any, matchesNull) switch
        {
            (null, _) => $"{column} IS NULL",
            (_, true) => $"({any} OR {column} IS NULL)",
            _ => any,
        };
    }
}
