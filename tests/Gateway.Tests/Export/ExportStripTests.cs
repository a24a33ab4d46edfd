using System.Diagnostics;
using System.Net;
using System.Text.Json;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Export;

/// <summary>PNG and GeoTIFF exports rendered in 64-row strips over two silos and streamed while stitched.</summary>
public sealed class ExportStripTests(StripClusterFixture fixture) : IClassFixture<StripClusterFixture>
{
    // Vaduz at z16: 699 x 685 pixels, 11 strips of 64 rows (the last one 45).
    private const string Vaduz = "bbox=9.515,47.135,9.530,47.145&zoom=16";
    private const int Width = 699;
    private const int Height = 685;
    private const double HalfWorld = 20037508.342789244;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Png_InStrips_StreamedWithExactSizeAndMapColours()
    {
        using var response = await fixture.Client.GetAsync(new Uri($"/osm/export?{Vaduz}&format=png", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(response.Headers.TransferEncodingChunked, "a streamed export is sent in chunks as its strips arrive");
        var png = await response.Content.ReadAsByteArrayAsync(Cancel);

        // The decoder checks every chunk's CRC and the zlib stream's Adler-32.
        var stats = PixelStats.Of(png);
        Assert.Equal((Width, Height), (stats.Image.Width, stats.Image.Height));
        Assert.True(stats.Share(Palette.Primary) > 0.01, $"primary road share {stats.Share(Palette.Primary):P1}");
        Assert.True(stats.ShareIn(Palette.Forest, Width * 3 / 4, 0, Width, Height) > 0.2, "forest on the castle slope in the east quarter");
        Assert.True(stats.ShareIn(Palette.Land, 0, 0, Width / 2, Height) > 0.3, "land in the town on the west");

        // Every strip has map in it: no strip is blank or missing.
        for (int top = 0; top < Height; top += 64)
        {
            int bottom = Math.Min(Height, top + 64);
            Assert.True(stats.ShareIn(Palette.Forest, Width * 3 / 4, top, Width, bottom) + stats.ShareIn(Palette.Land, 0, top, Width, bottom) > 0.2, $"rows {top}..{bottom} look empty");
        }
    }

    [Fact]
    public async Task GeoTiff_InStrips_CornersWithinAPixelAndSamePixelsAsThePng()
    {
        string tif = Path.Combine(Path.GetTempPath(), $"strips-{Guid.NewGuid():N}.tif");
        try
        {
            using (var response = await fixture.Client.GetAsync(new Uri($"/osm/export?{Vaduz}&format=geotiff", UriKind.Relative), Cancel))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("image/tiff", response.Content.Headers.ContentType?.MediaType);
                byte[] bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
                Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
                await File.WriteAllBytesAsync(tif, bytes, Cancel);
            }

            var (json, errors) = await RunAsync("gdalinfo", "-json", "-checksum", tif);
            Assert.DoesNotContain("ERROR", errors, StringComparison.Ordinal);
            using var info = JsonDocument.Parse(json);
            var root = info.RootElement;
            Assert.Equal(Width, root.GetProperty("size")[0].GetInt32());
            Assert.Equal(Height, root.GetProperty("size")[1].GetInt32());
            Assert.Contains("3857", root.GetProperty("coordinateSystem").GetProperty("wkt").GetString(), StringComparison.Ordinal);
            Assert.Equal(4, root.GetProperty("bands").GetArrayLength());
            var corners = root.GetProperty("cornerCoordinates");
            double pixel = (X(9.530) - X(9.515)) / Width;
            AssertNear(corners.GetProperty("upperLeft"), X(9.515), Y(47.145), pixel);
            AssertNear(corners.GetProperty("lowerRight"), X(9.530), Y(47.135), pixel);

            // GDAL's own decoding of the TIFF strips gives the pixels of the PNG streamed from the same
            // request's strips, whichever silos rendered which strips (each silo process its own).
            await RunAsync("gdal_translate", "-q", "-of", "PNG", tif, tif + ".png");
            var fromTiff = PixelStats.Of(await File.ReadAllBytesAsync(tif + ".png", Cancel));
            var fromPng = PixelStats.Of(await fixture.Client.GetByteArrayAsync(new Uri($"/osm/export?{Vaduz}&format=png", UriKind.Relative), Cancel));
            int differing = 0;
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    differing += fromTiff.Image.GetPixel(x, y) == fromPng.Image.GetPixel(x, y) ? 0 : 1;
                }
            }

            Assert.True(differing == 0, $"{differing} of {Width * Height} pixels differ between the GeoTIFF and the PNG");
        }
        finally
        {
            File.Delete(tif);
            File.Delete(tif + ".png");
            File.Delete(tif + ".png.aux.xml");
        }
    }

    private static double X(double lon) => lon * HalfWorld / 180;

    private static double Y(double lat) => 6378137 * Math.Log(Math.Tan((Math.PI / 4) + (lat * Math.PI / 360)));

    private static void AssertNear(JsonElement corner, double x, double y, double pixel)
    {
        Assert.InRange(corner[0].GetDouble(), x - pixel, x + pixel);
        Assert.InRange(corner[1].GetDouble(), y - pixel, y + pixel);
    }

    private static async Task<(string Output, string Errors)> RunAsync(string tool, params string[] arguments)
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
        return (await output, await error);
    }
}
