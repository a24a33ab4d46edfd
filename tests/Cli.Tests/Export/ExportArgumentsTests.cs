using TileCluster.Cli.Export;
using TileCluster.Cli.Infrastructure;

namespace TileCluster.Cli.Tests.Export;

public sealed class ExportArgumentsTests
{
    private const string Vaduz = "9.515,47.135,9.530,47.145";

    [Theory]
    [InlineData("15", null, null, null, null, null, false, false, null, "/osm/export?bbox=9.515,47.135,9.53,47.145&zoom=15&format=png")]
    [InlineData("14.5", null, null, null, "jpg", null, false, true, null, "/osm/export?bbox=9.515,47.135,9.53,47.145&zoom=14.5&format=jpeg&attribution=false")]
    [InlineData(null, "25000", null, null, "pdf", "300", true, false, null, "/osm/export?bbox=9.515,47.135,9.53,47.145&scale=25000&format=pdf&dpi=300&ratio=2")]
    [InlineData(null, null, "2000", null, null, null, false, false, "map.svg", "/osm/export?bbox=9.515,47.135,9.53,47.145&width=2000&format=svg")]
    [InlineData(null, null, "800", "600", null, null, false, false, "map.TIF", "/osm/export?bbox=9.515,47.135,9.53,47.145&width=800&height=600&format=geotiff")]
    [InlineData(null, null, null, "500", null, null, false, false, "map.unknown", "/osm/export?bbox=9.515,47.135,9.53,47.145&height=500&format=png")]
    [InlineData("15", null, null, null, "png", null, false, false, "map.pdf", "/osm/export?bbox=9.515,47.135,9.53,47.145&zoom=15&format=png")]
    public void Create_Valid_GivesTheGatewaysQuery(
        string? zoom, string? scale, string? width, string? height, string? format, string? dpi, bool scale2x, bool noAttribution, string? output, string expected)
    {
        var arguments = ExportArguments.Create("osm", Vaduz, zoom, scale, width, height, format, dpi, scale2x, noAttribution, output);
        Assert.Equal(expected, arguments.PathAndQuery());
    }

    [Theory]
    [InlineData("png", "png")]
    [InlineData("jpeg", "jpg")]
    [InlineData("pdf", "pdf")]
    [InlineData("svg", "svg")]
    [InlineData("geotiff", "tif")]
    public void Extension_FollowsTheFormat(string format, string extension) =>
        Assert.Equal(extension, ExportArguments.Create("osm", Vaduz, "15", null, null, null, format, null, false, false, null).Extension);

    [Theory]
    [InlineData("Big Map", Vaduz, "15", null, null, null, null, null, "--style 'Big Map' is not a layer name")]
    [InlineData("osm", null, "15", null, null, null, null, null, "--bbox W,S,E,N is required")]
    [InlineData("osm", "9.53,47.135,9.515,47.145", "15", null, null, null, null, null, "--bbox '9.53,47.135,9.515,47.145' is empty or inverted")]
    [InlineData("osm", Vaduz, null, null, null, null, null, null, "one of --zoom, --scale or --width/--height is required")]
    [InlineData("osm", Vaduz, "15", "25000", null, null, null, null, "--zoom and --scale are exclusive")]
    [InlineData("osm", Vaduz, "15", null, "800", null, null, null, "--zoom and --width are exclusive")]
    [InlineData("osm", Vaduz, null, "25000", null, "600", null, null, "--scale and --width are exclusive")]
    [InlineData("osm", Vaduz, "25", null, null, null, null, null, "--zoom '25' is not a zoom (a number 0..24")]
    [InlineData("osm", Vaduz, "NaN", null, null, null, null, null, "--zoom 'NaN' is not a zoom")]
    [InlineData("osm", Vaduz, null, "0", null, null, null, null, "--scale '0' is not a scale denominator")]
    [InlineData("osm", Vaduz, null, null, "0", null, null, null, "--width '0' is not a positive whole number of pixels")]
    [InlineData("osm", Vaduz, null, null, "800", "1.5", null, null, "--height '1.5' is not a positive whole number of pixels")]
    [InlineData("osm", Vaduz, "15", null, null, null, "gif", null, "--format 'gif' is not one of png, jpeg, pdf, svg, geotiff")]
    [InlineData("osm", Vaduz, "15", null, null, null, "pdf", "3000", "--dpi '3000' is not within 1..2400")]
    public void Create_Invalid_NamesTheOption(string style, string? bbox, string? zoom, string? scale, string? width, string? height, string? format, string? dpi, string message)
    {
        var e = Assert.Throws<UsageException>(() => ExportArguments.Create(style, bbox, zoom, scale, width, height, format, dpi, false, false, null));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
