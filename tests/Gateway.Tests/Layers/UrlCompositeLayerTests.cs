using System.Net;
using System.Text.Json;
using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Rendering;
using TileCluster.Rendering.Imaging;

namespace TileCluster.Gateway.Tests.Layers;

/// <summary>url and composite layers served over HTTP by a real cluster; the url layer's upstream is the cluster's own export endpoint.</summary>
public sealed class UrlCompositeLayerTests(UrlCompositeLayersFixture fixture) : IClassFixture<UrlCompositeLayersFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UrlLayer_FromTheExportInMetres_LooksLikeTheStyleLayersTile()
    {
        // Vaduz centre at z15, away from the metatile's edge.
        var wms = await GetPngAsync("/wms/15/17250/11506.png");
        var osm = await GetPngAsync("/osm/15/17250/11506.png");

        // Labels are placed over the same metatile-plus-buffer box; what differs is palette rounding.
        Assert.True(DistinctColors(wms) > 10, "the url layer's tile is blank");
        double alike = ShareAlike(wms, osm, tolerance: 12);
        Assert.True(alike > 0.97, $"only {alike:P1} of the url layer's pixels match the style layer's");
    }

    [Fact]
    public async Task CompositeLayer_ServesPngTiles_ThatAreTheStyleUnderHalfRed()
    {
        var tinted = await GetPngAsync("/tinted/15/17251/11507.png");
        var osm = await GetPngAsync("/osm/15/17251/11507.png");

        int off = 0;
        for (int y = 0; y < 256; y++)
        {
            for (int x = 0; x < 256; x++)
            {
                var s = osm.GetPixel(x, y);
                var expected = new Rgba((byte)((s.R + 255) / 2), (byte)(s.G / 2), (byte)(s.B / 2));
                if (!Near(tinted.GetPixel(x, y), expected, 5))
                {
                    off++;
                }
            }
        }

        // The style layer's own tiles are palette PNGs: a few colours are rounded further.
        Assert.True(off < 256 * 256 / 100, $"{off} pixels are not the average of the style's and red");
    }

    [Fact]
    public async Task UrlLayer_UpstreamRefusesConnections_Is502_AndNothingIsStored()
    {
        for (int attempt = 0; attempt < 2; attempt++)
        {
            using var response = await fixture.Client.GetAsync(new Uri("/down/14/8625/5753.png", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("tile 14/8625/5753 of layer 'down': its upstream ", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(fixture.Cluster.StoreRoot, "down")), "a metatile of the failing layer was stored");
        using var healthy = await fixture.Client.GetAsync(new Uri("/osm/14/8625/5753.png", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task UrlLayer_UpstreamNeverAnswers_Is504()
    {
        using var response = await fixture.Client.GetAsync(new Uri("/silent/14/8625/5753.png", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("of layer 'silent': its upstream gave no answer within 1 s", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(fixture.Cluster.StoreRoot, "silent")), "a metatile of the silent layer was stored");
    }

    [Fact]
    public async Task Expire_MemberLayer_DirtiesTheCompositesMetatile()
    {
        // A tile of the composite only: the style layer's own metatile there is never stored.
        using (var first = await fixture.Client.GetAsync(new Uri("/tinted/13/4313/2875.png", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var expired = await fixture.ExpireAsync("osm", "13/4313/2875\n");

        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        using var report = JsonDocument.Parse(await expired.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(1, report.RootElement.GetProperty("dirtied").GetInt64());
    }

    [Theory]
    [InlineData("/tinted/export?bbox=9.5,47.1,9.55,47.15&zoom=14", "layer 'tinted' is a composite layer, made per metatile; an export needs a style layer")]
    [InlineData("/wms/export?bbox=9.5,47.1,9.55,47.15&zoom=14", "layer 'wms' is a url layer, made per metatile; an export needs a style layer")]
    [InlineData("/osm/export?bbox=1,2,3,4&width=10&srs=EPSG:2056", "srs 'EPSG:2056' is not supported: EPSG:4326 (bbox in degrees, the default) or EPSG:3857")]
    [InlineData("/osm/export?bbox=1060000,5967000,1059000,5968000&width=10&srs=EPSG:3857", "bbox is empty or inverted: xmin must be less than xmax")]
    [InlineData("/osm/export?bbox=0,0,30000000,10&width=10&srs=EPSG:3857", "bbox coordinates must be within ±20037508.343 metres (EPSG:3857)")]
    public async Task Export_WrongLayerKindOrSrs_Is400NamingTheProblem(string path, string expected)
    {
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    private static bool Near(Rgba a, Rgba b, int tolerance) =>
        Math.Abs(a.R - b.R) <= tolerance && Math.Abs(a.G - b.G) <= tolerance && Math.Abs(a.B - b.B) <= tolerance;

    private static double ShareAlike(PngImage a, PngImage b, int tolerance)
    {
        int alike = 0;
        for (int y = 0; y < 256; y++)
        {
            for (int x = 0; x < 256; x++)
            {
                alike += Near(a.GetPixel(x, y), b.GetPixel(x, y), tolerance) ? 1 : 0;
            }
        }

        return alike / (256.0 * 256);
    }

    private static int DistinctColors(PngImage image)
    {
        var colors = new HashSet<Rgba>();
        for (int y = 0; y < 256; y++)
        {
            for (int x = 0; x < 256; x++)
            {
                colors.Add(image.GetPixel(x, y));
            }
        }

        return colors.Count;
    }

    private async Task<PngImage> GetPngAsync(string path)
    {
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var image = PngImage.Decode(await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(256, image.Width);
        return image;
    }

    [Theory]
    [InlineData("tinted")]
    [InlineData("wms")]
    public async Task SeedJob_OverACompositeOrUrlLayer_StoresItsMetatiles_SoTheirTilesNeedNoRender(string layer)
    {
        // Balzers at z15, away from the metatiles the other tests expire.
        string id = await fixture.SubmitJobAsync($$"""{"style":"{{layer}}","bbox":[9.495,47.062,9.505,47.072],"zoom":"15","kind":"seed"}""");
        var status = await JobPolling.WaitFinishedAsync(fixture.Client, id, TimeSpan.FromMinutes(3));

        Assert.True(status.GetProperty("state").GetString() == "done", status.ToString());
        var stored = Directory.EnumerateFiles(Path.Combine(fixture.Cluster.StoreRoot, layer, "15"), "*.meta", SearchOption.AllDirectories).ToArray();
        Assert.NotEmpty(stored);

        // A tile of the box is served from what the job stored: no render.
        long renders = await fixture.Cluster.RendersAsync();
        using var tile = await fixture.Client.GetAsync(new Uri($"/{layer}/15/17248/11516.png", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
        Assert.Equal(renders, await fixture.Cluster.RendersAsync());
    }
}
