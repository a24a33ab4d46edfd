using System.IO.Compression;
using System.Net;
using System.Text.Json;
using SkiaSharp;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Layers;

/// <summary>UTFGrid, JPEG and WebP layers served over HTTP by a real cluster, read like a map client would.</summary>
public sealed class ImageAndGridTileTests(ImageAndGridLayersFixture fixture) : IClassFixture<ImageAndGridLayersFixture>
{
    // Vaduz centre at z16.
    private const string Vaduz = "16/34501/23013";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Grid_OverVaduz_Is64By64_KeysDecode_AndDataCarriesNamesOfRoadsAndBuildings()
    {
        using var response = await GetAsync($"/grid/{Vaduz}.grid.json");

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var root = json.RootElement;
        string[] rows = [.. root.GetProperty("grid").EnumerateArray().Select(r => r.GetString()!)];
        string[] keys = [.. root.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!)];
        Assert.Equal(64, rows.Length);
        Assert.All(rows, row => Assert.Equal(64, row.EnumerateRunes().Count()));
        Assert.Equal(string.Empty, keys[0]);

        // The spec's decoding: code point minus 32, less one above '"' and one above '\'.
        var indices = rows.SelectMany(r => r.EnumerateRunes()).Select(r => Decode(r.Value)).ToArray();
        Assert.All(indices, i => Assert.InRange(i, 0, keys.Length - 1));
        var data = root.GetProperty("data");
        var named = keys.Skip(1).Select(k => data.GetProperty(k)).Where(d => d.TryGetProperty("name", out _)).ToArray();
        Assert.Contains(named, d => d.TryGetProperty("highway", out _));
        Assert.Contains(keys.Skip(1), k => data.GetProperty(k).TryGetProperty("building", out _));
    }

    [Fact]
    public async Task Grid_WithCallback_IsJsonp_WithItsOwnETag_AndGzippedForClientsThatAcceptIt()
    {
        using var plain = await GetAsync($"/grid/{Vaduz}.json");
        using var jsonp = await GetAsync($"/grid/{Vaduz}.grid.json?callback=grid_1");
        using var zipped = await GetAsync($"/grid/{Vaduz}.grid.json?callback=grid_1", gzip: true);

        string json = await plain.Content.ReadAsStringAsync(Cancel);
        Assert.Equal("application/javascript", jsonp.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"/**/grid_1({json});", await jsonp.Content.ReadAsStringAsync(Cancel));
        Assert.NotEqual(plain.Headers.ETag, jsonp.Headers.ETag);
        Assert.Equal(["gzip"], zipped.Content.Headers.ContentEncoding);
        Assert.Equal(await jsonp.Content.ReadAsByteArrayAsync(Cancel), Gunzip(await zipped.Content.ReadAsByteArrayAsync(Cancel)));
    }

    [Fact]
    public async Task Jpeg_ConfiguredAsJpgAndProgressive_AnswersAtJpgAndJpeg_DecodesAt256_AndWebp_At512()
    {
        using var jpeg = await GetAsync($"/jpg/{Vaduz}.jpg");
        using var jpegAlias = await GetAsync($"/jpg/{Vaduz}.jpeg");
        using var webp = await GetAsync($"/webp/{Vaduz}.webp");

        Assert.Equal("image/jpeg", jpeg.Content.Headers.ContentType!.MediaType);
        Assert.Equal("image/webp", webp.Content.Headers.ContentType!.MediaType);
        byte[] jpegBytes = await jpeg.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Equal(jpegBytes, await jpegAlias.Content.ReadAsByteArrayAsync(Cancel));
        Assert.True(HasMarker(jpegBytes, 0xC2), "Jpeg:Progressive: the tile's frame is progressive (SOF2)");
        Assert.False(HasMarker(jpegBytes, 0xC0), "no baseline frame (SOF0) is left");
        AssertImage(jpegBytes, SKEncodedImageFormat.Jpeg, 256);
        AssertImage(await webp.Content.ReadAsByteArrayAsync(Cancel), SKEncodedImageFormat.Webp, 512);
    }

    [Fact]
    public async Task ProxyOfAJpegLayer_ConfiguredAsJPEG_PassesItsTilesThrough_AtJpgAndJpeg()
    {
        using var original = await GetAsync($"/jpg/{Vaduz}.jpg");
        using var proxied = await GetAsync($"/proxied/{Vaduz}.jpg");
        using var proxiedAlias = await GetAsync($"/proxied/{Vaduz}.jpeg");

        Assert.Equal("image/jpeg", proxied.Content.Headers.ContentType!.MediaType);
        Assert.Equal("image/jpeg", proxiedAlias.Content.Headers.ContentType!.MediaType);
        byte[] bytes = await original.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Equal(bytes, await proxied.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(bytes, await proxiedAlias.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Theory]
    [InlineData("/jpg/16/34501/23013.png", HttpStatusCode.BadRequest, "tiles of this layer are '.jpg' or '.jpeg'")]
    [InlineData("/proxied/16/34501/23013.webp", HttpStatusCode.BadRequest, "tiles of this layer are '.jpg' or '.jpeg'")]
    [InlineData("/webp/16/34501/23013@2x.webp", HttpStatusCode.NotFound, "offers no @2x tiles")]
    [InlineData("/osm/16/34501/23013.webp", HttpStatusCode.BadRequest, "tiles of this layer are '.png'")]
    [InlineData("/grid/16/34501/23013.png", HttpStatusCode.BadRequest, "tiles of this layer are '.grid.json' or '.json'")]
    [InlineData("/grid/16/34501/23013@2x.grid.json", HttpStatusCode.BadRequest, "no '@2x' grids")]
    [InlineData("/grid/16/34501/23013.grid.json?callback=alert(1)", HttpStatusCode.BadRequest, "is not a plain JavaScript identifier")]
    [InlineData("/grid/export?bbox=9.5,47.1,9.55,47.15&zoom=14", HttpStatusCode.BadRequest, "layer 'grid' makes UTFGrid interactivity grids; an export needs a layer that renders images")]
    [InlineData("/grid/preview.html", HttpStatusCode.NotFound, "/grid/tilejson.json")]
    public async Task WrongFormatOrUse_GetsAClearError(string path, HttpStatusCode status, string expected)
    {
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [InlineData("jpg", "xyz", "layer 'jpg' makes jpeg tiles; the tile outputs (tms, xyz, mbtiles, zip) are written as PNG")]
    [InlineData("webp", "mbtiles", "layer 'webp' makes webp tiles; the tile outputs")]
    [InlineData("grid", "png", "layer 'grid' makes UTFGrid interactivity grids; an export job")]
    public async Task ExportJob_OfTilesThatAreNotPng_IsRefused(string layer, string output, string expected)
    {
        using var response = await fixture.SubmitJobAsync($$"""{"style":"{{layer}}","bbox":[9.50,47.12,9.54,47.16],"zoom":"13","kind":"export","outputs":["{{output}}"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [InlineData("grid", "/grid/{z}/{x}/{y}.grid.json")]
    [InlineData("jpg", "/jpg/{z}/{x}/{y}.jpg")]
    [InlineData("proxied", "/proxied/{z}/{x}/{y}.jpg")]
    [InlineData("webp", "/webp/{z}/{x}/{y}.webp")]
    public async Task TileJson_TemplateHasTheLayersExtension(string layer, string template)
    {
        using var json = JsonDocument.Parse(await fixture.Client.GetStringAsync(new Uri($"/{layer}/tilejson.json", UriKind.Relative), Cancel));

        Assert.EndsWith(template, json.RootElement.GetProperty("tiles")[0].GetString());
    }

    [Fact]
    public async Task SeedJob_OverAGridLayer_StoresItsMetatiles_SoTheirGridsNeedNoRender()
    {
        // Balzers at z15, away from the Vaduz tiles the other tests render.
        using var submitted = await fixture.SubmitJobAsync("""{"style":"grid","bbox":[9.495,47.062,9.505,47.072],"zoom":"15","kind":"seed"}""");
        string body = await submitted.Content.ReadAsStringAsync(Cancel);
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, $"{(int)submitted.StatusCode}: {body}");
        string id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        var status = await JobPolling.WaitFinishedAsync(fixture.Client, id, TimeSpan.FromMinutes(3));

        Assert.True(status.GetProperty("state").GetString() == "done", status.ToString());
        var stored = Directory.EnumerateFiles(Path.Combine(fixture.Cluster.StoreRoot, "grid", "15"), "*.meta", SearchOption.AllDirectories).ToArray();
        Assert.NotEmpty(stored);

        // A grid of the box is served from what the job stored: no render.
        long renders = await fixture.Cluster.RendersAsync();
        using var grid = await GetAsync("/grid/15/17248/11516.grid.json");
        Assert.Equal("application/json", grid.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await grid.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(64, json.RootElement.GetProperty("grid").GetArrayLength());
        Assert.Equal(renders, await fixture.Cluster.RendersAsync());
    }

    private static void AssertImage(byte[] bytes, SKEncodedImageFormat format, int size)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        Assert.Equal(format, codec.EncodedFormat);
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.Equal((size, size), (bitmap.Width, bitmap.Height));
    }

    private static int Decode(int code) => code - 32 - (code > 34 ? 1 : 0) - (code > 92 ? 1 : 0);

    private async Task<HttpResponseMessage> GetAsync(string path, bool gzip = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (gzip)
        {
            request.Headers.AcceptEncoding.ParseAdd("gzip");
        }

        var response = await fixture.Client.SendAsync(request, Cancel);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
        return response;
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static bool HasMarker(byte[] jpeg, byte marker)
    {
        for (int i = 0; i + 1 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == marker)
            {
                return true;
            }
        }

        return false;
    }
}
