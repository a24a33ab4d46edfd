using TileCluster.Gateway.Export;
using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Gateway.Tests.Export;

public sealed class ExportQueryTests
{
    [Theory]
    [InlineData("9.515,47.135,9.530,47.145", "15", null, null, null, null, 15.0, ExportFormat.Png)]
    [InlineData("9.515,47.135,9.530,47.145", "14.5", null, null, null, "pdf", 14.5, ExportFormat.Pdf)]
    [InlineData("-180,-85.0511,180,85.0511", "0", null, null, null, "svg", 0.0, ExportFormat.Svg)]
    [InlineData("9.515,47.135,9.530,47.145", null, "25000", null, null, "geotiff", null, ExportFormat.GeoTiff)]
    [InlineData("9.515,47.135,9.530,47.145", null, null, "800", null, "JPEG", null, ExportFormat.Jpeg)]
    [InlineData("9.515,47.135,9.530,47.145", null, null, null, "600", "jpg", null, ExportFormat.Jpeg)]
    [InlineData("9.515,47.135,9.530,47.145", null, null, "800", "600", "png", null, ExportFormat.Png)]
    public void TryParse_Valid_Parses(string bbox, string? zoom, string? scale, string? width, string? height, string? format, double? expectedZoom, ExportFormat expectedFormat)
    {
        Assert.True(ExportQuery.TryParse(bbox, zoom, scale, width, height, format, null, null, null, out var query, out var error), error);
        Assert.Equal(expectedZoom, query.Zoom);
        Assert.Equal(expectedFormat, query.Format);
        Assert.Equal(96, query.Dpi);
        Assert.Equal(1, query.Ratio);
        Assert.True(query.Attribution);
    }

    [Theory]
    [InlineData(null, "15", null, null, null, null, null, null, "bbox is required")]
    [InlineData("9.53,47.135,9.515,47.145", "15", null, null, null, null, null, null, "bbox is empty or inverted")]
    [InlineData("9.515,47.145,9.53,47.135", "15", null, null, null, null, null, null, "bbox is empty or inverted")]
    [InlineData("9.515,47.135,9.515,47.145", "15", null, null, null, null, null, null, "bbox is empty or inverted")]
    [InlineData("9.515,47.135,190,47.145", "15", null, null, null, null, null, null, "bbox longitudes")]
    [InlineData("9.515,-86,9.53,47.145", "15", null, null, null, null, null, null, "bbox latitudes")]
    [InlineData("9.515,47.135,9.53,NaN", "15", null, null, null, null, null, null, "bbox must be four numbers")]
    [InlineData("a,b,c,d", "15", null, null, null, null, null, null, "bbox must be four numbers")]
    [InlineData("9.515,47.135,9.53", "15", null, null, null, null, null, null, "bbox must be four numbers")]
    [InlineData("9.515,47.135,9.53,47.145", "15", "25000", null, null, null, null, null, "zoom and scale are exclusive")]
    [InlineData("9.515,47.135,9.53,47.145", "15", null, "800", null, null, null, null, "zoom and width/height are exclusive")]
    [InlineData("9.515,47.135,9.53,47.145", null, null, null, null, null, null, null, "zoom, scale, width or height is required")]
    [InlineData("9.515,47.135,9.53,47.145", "x", null, null, null, null, null, null, "zoom must be a number")]
    [InlineData("9.515,47.135,9.53,47.145", "30", null, null, null, null, null, null, "zoom must be a number")]
    [InlineData("9.515,47.135,9.53,47.145", null, "0", null, null, null, null, null, "scale must be")]
    [InlineData("9.515,47.135,9.53,47.145", null, null, "-5", null, null, null, null, "width must be")]
    [InlineData("9.515,47.135,9.53,47.145", null, null, null, "1.5", null, null, null, "height must be")]
    [InlineData("9.515,47.135,9.53,47.145", "15", null, null, null, "gif", null, null, "format must be one of")]
    [InlineData("9.515,47.135,9.53,47.145", "15", null, null, null, "pdf", "0", null, "dpi must be")]
    [InlineData("9.515,47.135,9.53,47.145", "15", null, null, null, null, null, "5", "ratio must be")]
    public void TryParse_Invalid_NamesTheField(string? bbox, string? zoom, string? scale, string? width, string? height, string? format, string? dpi, string? ratio, string expected)
    {
        Assert.False(ExportQuery.TryParse(bbox, zoom, scale, width, height, format, dpi, ratio, null, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_AttributionFalse_Parses()
    {
        Assert.True(ExportQuery.TryParse("9.515,47.135,9.53,47.145", "15", null, null, null, null, "300", "2", "false", out var query, out var error), error);
        Assert.False(query.Attribution);
        Assert.Equal((300.0, 2), (query.Dpi, query.Ratio));
        Assert.False(ExportQuery.TryParse("9.515,47.135,9.53,47.145", "15", null, null, null, null, null, null, "maybe", out _, out error));
        Assert.Contains("attribution", error, StringComparison.Ordinal);
    }
}
