using TileCluster.Rendering.Data;
using TileCluster.Rendering.Styles;
using Xunit;

namespace TileCluster.Rendering.Tests.Data;

public sealed class LayerQueryBuilderTests
{
    private static StyleLayer Layer(string yamlLayer) =>
        StyleLoader.Parse($"name: t\nfonts:\n  sans: [{TestFonts.NotoSans}]\nlayers:\n" + yamlLayer, "t.yaml").Layers[0];

    private static readonly StyleLayer Roads = Layer("""
          - name: roads
            geometry: line
            table: planet_osm_line
            where: highway IS NOT NULL
            order: z_order
            minzoom: 8
            rules:
              - when: { highway: [primary, secondary] }
                stroke: "#fff"
              - when: { highway: residential, "addr:housename": ~ }
                minzoom: 13
                stroke: "#fff"
              - when: { highway: track }
                minzoom: 13
        """);

    [Fact]
    public void Build_LineLayer_SelectsColumnsSimplifiesAndFiltersByEnvelope()
    {
        var query = LayerQueryBuilder.Build(Roads, 14)!;

        Assert.Equal(
            "SELECT osm_id, ST_AsBinary(ST_Simplify(ST_ClipByBox2D(way, ST_MakeEnvelope(@x0, @y0, @x1, @y1, 3857)), @tolerance, true)), \"highway\"::text, \"addr:housename\"::text FROM planet_osm_line "
            + "WHERE way && ST_MakeEnvelope(@fx0, @fy0, @fx1, @fy1, 3857) AND (highway IS NOT NULL) "
            + "AND ((\"highway\"::text = ANY(@v0)) OR (\"highway\"::text = ANY(@v1) AND \"addr:housename\" IS NULL)) ORDER BY z_order, osm_id",
            query.Sql);
        Assert.True(query.Simplifies);
        Assert.False(query.FiltersArea);
        Assert.Equal([["primary", "secondary"], ["residential"]], query.ValueLists);
    }

    [Fact]
    public void Build_LowZoom_PushesOnlyActiveRules()
    {
        var query = LayerQueryBuilder.Build(Roads, 10)!;

        Assert.Contains("AND ((\"highway\"::text = ANY(@v0))) ORDER BY", query.Sql, StringComparison.Ordinal);
        Assert.Single(query.ValueLists);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(25)]
    public void Build_OutsideZoomRange_ReturnsNull(int zoom) => Assert.Null(LayerQueryBuilder.Build(Roads, zoom));

    [Fact]
    public void Build_PolygonWithMinArea_ClipsAndFiltersArea()
    {
        var layer = Layer("""
              - name: land
                geometry: polygon
                table: planet_osm_polygon
                min-area-px: 2
                rules:
                  - fill: "#fff"
            """);

        var query = LayerQueryBuilder.Build(layer, 12)!;

        Assert.Contains("ST_Simplify(ST_ClipByBox2D(way, ST_MakeEnvelope(@x0, @y0, @x1, @y1, 3857)), @tolerance, true)", query.Sql, StringComparison.Ordinal);
        Assert.Contains(" AND way_area >= @min_area ORDER BY osm_id", query.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("ANY(", query.Sql, StringComparison.Ordinal);
        Assert.True(query.FiltersArea);
    }

    [Fact]
    public void Build_PointLayerOnPolygons_UsesPointOnSurfaceWithoutSimplifying()
    {
        var layer = Layer("""
              - name: labels
                geometry: point
                table: planet_osm_polygon
                rules:
                  - text: name
            """);

        var query = LayerQueryBuilder.Build(layer, 15)!;

        Assert.StartsWith("SELECT osm_id, ST_AsBinary(ST_PointOnSurface(way)), \"name\"::text FROM planet_osm_polygon", query.Sql, StringComparison.Ordinal);
        Assert.False(query.Simplifies);
    }

    [Theory]
    [InlineData(2, 0, 2 * 156543.03392804097 * 156543.03392804097)]
    [InlineData(1, 12, 38.21851414258813 * 38.21851414258813)]
    public void MinAreaMetres_ScalesWithZoom(double px, int zoom, double expected) =>
        Assert.Equal(expected, LayerQueryBuilder.MinAreaMetres(px, zoom), expected * 1e-9);
}
