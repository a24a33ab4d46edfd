using TileCluster.Gateway.Export;

namespace TileCluster.Gateway.Tests.Export;

public sealed class ExportGeometryTests
{
    private const string Vaduz = "9.515,47.135,9.530,47.145";

    // Pixel sizes worked out by hand: width = 0.015° · 20037508.34/180 m / (40075016.69 / (256 · 2^z)) m/px.
    [Theory]
    [InlineData("15", null, null, null, 1, 350, 343)]
    [InlineData("16", null, null, null, 1, 699, 685)]
    [InlineData("15", null, null, null, 2, 699, 685)]
    [InlineData(null, null, "1000", null, 1, 1000, 980)]
    [InlineData(null, null, null, "500", 1, 510, 500)]
    [InlineData(null, null, "1000", "100", 1, 102, 100)]
    public void Resolve_Size_IsMercatorAspect(string? zoom, string? scale, string? width, string? height, int ratio, int expectedWidth, int expectedHeight)
    {
        Assert.True(ExportQuery.TryParse(Vaduz, zoom, scale, width, height, null, null, ratio.ToString(System.Globalization.CultureInfo.InvariantCulture), null, out var query, out var error), error);
        var request = ExportGeometry.Resolve("osm", query);
        Assert.InRange(request.WidthPx, expectedWidth - 1, expectedWidth + 1);
        Assert.InRange(request.HeightPx, expectedHeight - 1, expectedHeight + 1);
    }

    // At 47.14° N, 1:25000 is 7 m per 0.28 mm pixel on the ground, 10.28 m along Mercator: z ≈ 13.893.
    [Theory]
    [InlineData(25000, 47.14, 13.893)]
    [InlineData(25000, 0, 14.448)]
    [InlineData(1000000, 0, 9.126)]
    public void ZoomForScale_MatchesGroundResolution(double scale, double latitude, double expected)
    {
        double zoom = ExportGeometry.ZoomForScale(scale, latitude);
        Assert.Equal(expected, zoom, 2);
        double ground = 156543.03392804097 * Math.Cos(latitude * Math.PI / 180) / Math.Pow(2, zoom);
        Assert.Equal(scale * 0.00028, ground, 6);
    }

    [Fact]
    public void FileName_IsAscii()
    {
        Assert.True(ExportQuery.TryParse(Vaduz, "15", null, null, null, "pdf", null, null, null, out var query, out _));
        Assert.Equal("osm-9.515_47.135_9.53_47.145-z15.pdf", ExportGeometry.FileName(query, 15));
    }
}
