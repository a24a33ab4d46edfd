using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Export;

/// <summary>Exports of the Liechtenstein import through real HTTP, rendered on real silos.</summary>
public sealed class ExportTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Vaduz = "9.515,47.135,9.530,47.145";
    private const double HalfWorld = 20037508.342789244;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Png_VaduzZ15_ExactSizeAndMapColours()
    {
        using var response = await GetAsync($"/osm/export?bbox={Vaduz}&zoom=15&format=png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"osm-9.515_47.135_9.53_47.145-z15.png\"", response.Content.Headers.ContentDisposition?.ToString());
        var png = await response.Content.ReadAsByteArrayAsync(Cancel);
        var (width, height) = PixelSize(15);
        var stats = PixelStats.Of(png);
        Assert.Equal((width, height), (stats.Image.Width, stats.Image.Height));
        Assert.True(stats.DistinctColors() > 8, "the export is (nearly) blank");
        Assert.True(stats.Share(Palette.Primary) > 0.01, $"primary road (Äulestrasse, Landstrasse) share {stats.Share(Palette.Primary):P1}");
        Assert.True(stats.ShareIn(Palette.Land, 0, 0, width / 2, height) > 0.3, $"land in the town on the west {stats.ShareIn(Palette.Land, 0, 0, width / 2, height):P1}");
        Assert.True(stats.ShareIn(Palette.Forest, width * 3 / 4, 0, width, height) > 0.2, $"forest on the castle slope in the east quarter {stats.ShareIn(Palette.Forest, width * 3 / 4, 0, width, height):P1}");
        Assert.True(stats.ShareIn(Palette.Forest, 0, 0, width / 4, height) < 0.05, "forest in the town on the west");
    }

    [Fact]
    public async Task Pdf_VaduzZ15_PageIsPixelsOverDpi()
    {
        var pdf = await GetBytesAsync($"/osm/export?bbox={Vaduz}&zoom=15&format=pdf&dpi=150", "application/pdf");
        string path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf, Cancel);
        try
        {
            string info = await RunAsync("pdfinfo", path);
            var (width, height) = PixelSize(15);
            string size = info.Split('\n').Single(l => l.StartsWith("Page size:", StringComparison.Ordinal));
            var numbers = size["Page size:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(width * 72.0 / 150, double.Parse(numbers[0], CultureInfo.InvariantCulture), 1);
            Assert.Equal(height * 72.0 / 150, double.Parse(numbers[2], CultureInfo.InvariantCulture), 1);

            string fonts = await RunAsync("pdffonts", path);
            Assert.True(fonts.Split('\n').Length > 3, $"the PDF has no fonts, so no real text:\n{fonts}");

            await RunAsync("pdftoppm", "-r", "150", "-png", "-singlefile", path, path);
            var stats = PixelStats.Of(await File.ReadAllBytesAsync(path + ".png", Cancel));
            Assert.InRange(stats.Image.Width, width - 1, width + 1);
            int w = stats.Image.Width, h = stats.Image.Height;
            Assert.True(stats.ShareIn(Palette.Forest, w * 3 / 4, 0, w, h, 10) > 0.2, $"forest in the east of the rendered PDF {stats.ShareIn(Palette.Forest, w * 3 / 4, 0, w, h, 10):P1}");
            Assert.True(stats.ShareIn(Palette.Land, 0, 0, w / 2, h, 10) > 0.3, $"land in the west of the rendered PDF {stats.ShareIn(Palette.Land, 0, 0, w / 2, h, 10):P1}");
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".png");
        }
    }

    [Fact]
    public async Task Svg_VaduzZ15_IsXmlWithText()
    {
        var svg = await GetBytesAsync($"/osm/export?bbox={Vaduz}&zoom=15&format=svg", "image/svg+xml");
        var document = XDocument.Load(new MemoryStream(svg));
        Assert.Equal("svg", document.Root!.Name.LocalName);
        Assert.Contains(document.Descendants(), e => e.Name.LocalName == "text" && e.Value.Contains("OpenStreetMap", StringComparison.Ordinal));
        Assert.True(document.Descendants().Count(e => e.Name.LocalName == "text") > 3, "no labels");
        Assert.True(document.Descendants().Count(e => e.Name.LocalName == "path") > 50, "no vector paths");
    }

    [Fact]
    public async Task GeoTiff_VaduzZ15_CornersAreTheBboxInWebMercator()
    {
        var tiff = await GetBytesAsync($"/osm/export?bbox={Vaduz}&zoom=15&format=geotiff", "image/tiff");
        string path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.tif");
        await File.WriteAllBytesAsync(path, tiff, Cancel);
        try
        {
            using var info = JsonDocument.Parse(await RunAsync("gdalinfo", "-json", path));
            var root = info.RootElement;
            var (width, height) = PixelSize(15);
            Assert.Equal(width, root.GetProperty("size")[0].GetInt32());
            Assert.Equal(height, root.GetProperty("size")[1].GetInt32());
            Assert.Contains("3857", root.GetProperty("coordinateSystem").GetProperty("wkt").GetString(), StringComparison.Ordinal);
            var corners = root.GetProperty("cornerCoordinates");
            double pixel = (X(9.530) - X(9.515)) / width;
            AssertNear(corners.GetProperty("upperLeft"), X(9.515), Y(47.145), pixel);
            AssertNear(corners.GetProperty("lowerRight"), X(9.530), Y(47.135), pixel);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Jpeg_WidthOnly_HeightFollowsAspect()
    {
        using var response = await GetAsync($"/osm/export?bbox={Vaduz}&width=400&format=jpeg&attribution=false");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var jpeg = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, jpeg[..2]);
        Assert.EndsWith(".jpg\"", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bbox=9.53,47.135,9.515,47.145&zoom=15", "bbox")]
    [InlineData("bbox=9.515,47.135,9.515,47.145&zoom=15", "bbox")]
    [InlineData("bbox=9.515,47.135,200,47.145&zoom=15", "bbox")]
    [InlineData("bbox=9.515,47.135,9.53,NaN&zoom=15", "bbox")]
    [InlineData("bbox=west,47.135,9.53,47.145&zoom=15", "bbox")]
    [InlineData($"bbox={Vaduz}&zoom=15&scale=25000", "zoom and scale")]
    [InlineData($"bbox={Vaduz}", "zoom, scale, width or height")]
    [InlineData($"bbox={Vaduz}&zoom=15&format=gif", "format")]
    [InlineData($"bbox={Vaduz}&zoom=21", "zoom")]
    [InlineData($"bbox={Vaduz}&zoom=20.5", "zoom")]
    public async Task BadInput_Is400NamingTheField(string query, string field)
    {
        using var response = await GetAsync($"/osm/export?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownStyle_Is404()
    {
        using var response = await GetAsync($"/nosuchstyle/export?bbox={Vaduz}&zoom=15");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData($"bbox=9.4,47.0,9.7,47.3&zoom=18", "Export:MaxWidthPx")]
    [InlineData($"bbox={Vaduz}&width=9000", "Export:MaxWidthPx")]
    [InlineData($"bbox=9.4,47.0,9.5,47.1&width=5000", "Export:MaxPixels")]
    public async Task OverLimit_Is413NamingTheLimit(string query, string limit)
    {
        using var response = await GetAsync($"/osm/export?{query}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains(limit, body, StringComparison.Ordinal);
        Assert.Contains("job", body, StringComparison.Ordinal);
    }

    private static (int Width, int Height) PixelSize(double zoom)
    {
        double metresPerPixel = 2 * HalfWorld / (256 * Math.Pow(2, zoom));
        return ((int)Math.Round((X(9.530) - X(9.515)) / metresPerPixel), (int)Math.Round((Y(47.145) - Y(47.135)) / metresPerPixel));
    }

    private static double X(double lon) => lon * HalfWorld / 180;

    private static double Y(double lat) => 6378137 * Math.Log(Math.Tan((Math.PI / 4) + (lat * Math.PI / 360)));

    private static void AssertNear(JsonElement corner, double x, double y, double pixel)
    {
        Assert.InRange(corner[0].GetDouble(), x - pixel, x + pixel);
        Assert.InRange(corner[1].GetDouble(), y - pixel, y + pixel);
    }

    private async Task<HttpResponseMessage> GetAsync(string url) =>
        await fixture.Client.GetAsync(new Uri(url, UriKind.Relative), Cancel);

    private async Task<byte[]> GetBytesAsync(string url, string contentType)
    {
        using var response = await GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync(Cancel);
    }

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var error = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await error}");
        return await output;
    }
}
