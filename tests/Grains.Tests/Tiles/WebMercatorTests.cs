using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Grains.Tests.Tiles;

public sealed class WebMercatorTests
{
    // Expected metres worked out apart, with x = λ·R and y = R·ln tan(π/4 + φ/2), R = 6378137.
    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(180, 0, 20037508.342789244, 0)]
    [InlineData(-180, 0, -20037508.342789244, 0)]
    [InlineData(9.52, 47.14, 1059761.5523519644, 5964955.649843611)]
    [InlineData(0, -47.14, 0, -5964955.649843611)]
    [InlineData(0, 85.05112877980659, 0, 20037508.342789244)]
    public void XY_MatchEpsg3857(double longitude, double latitude, double x, double y)
    {
        Assert.Equal(x, WebMercator.X(longitude), 6);
        Assert.Equal(y, WebMercator.Y(latitude), 6);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(9.52, 47.14)]
    [InlineData(-179.999, -85)]
    [InlineData(179.999, 85)]
    public void LongitudeLatitude_InvertXY(double longitude, double latitude)
    {
        Assert.Equal(longitude, WebMercator.Longitude(WebMercator.X(longitude)), 9);
        Assert.Equal(latitude, WebMercator.Latitude(WebMercator.Y(latitude)), 9);
    }

    [Fact]
    public void MaxLatitude_IsTheWorldsNorthEdge() => Assert.Equal(85.0511287798066, WebMercator.MaxLatitude, 12);

    [Theory]
    [InlineData(0, 156543.03392804097)]
    [InlineData(1, 78271.51696402048)]
    [InlineData(13, 19.109257071294063)]
    [InlineData(18, 0.5971642834779395)]
    public void MetresPerPixel_HalvesPerZoom(int zoom, double expected) => Assert.Equal(expected, WebMercator.MetresPerPixel(zoom), 9);

    [Theory]
    [InlineData(0, 0, -20037508.342789244)]
    [InlineData(0, 1, 20037508.342789244)]
    [InlineData(1, 1, 0)]
    [InlineData(2, 3, 10018754.171394622)]
    [InlineData(13, 4311, 1051773.5092040263)]
    public void ColumnEdgeX_IsTheColumnsWestEdge(int zoom, int column, double expected) =>
        Assert.Equal(expected, WebMercator.ColumnEdgeX(zoom, column), 6);

    [Theory]
    [InlineData(0, 0, 20037508.342789244)]
    [InlineData(0, 1, -20037508.342789244)]
    [InlineData(1, 1, 0)]
    [InlineData(2, 1, 10018754.171394622)]
    [InlineData(13, 2871, 5992663.017557818)]
    public void RowEdgeY_IsTheXyzRowsNorthEdge(int zoom, int row, double expected) =>
        Assert.Equal(expected, WebMercator.RowEdgeY(zoom, row), 6);
}
