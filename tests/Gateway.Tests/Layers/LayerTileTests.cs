using System.Net;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Layers;

/// <summary>Per-layer settings as a map client meets them: TMS rows, bounds, redirects, cache ages, CORS, tile size, encoding, write cache.</summary>
public sealed class LayerTileTests(LayersFixture fixture) : IClassFixture<LayersFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("osm", 14, 8625, 5753)]
    [InlineData("osm", 0, 0, 0)]
    [InlineData("vaduz", 16, 34501, 23013)]
    public async Task GetTms_SameTileAsXyz_IdenticalBytesAndHeaders(string layer, int z, int x, int y)
    {
        int tmsY = (1 << z) - 1 - y;
        using var xyz = await GetAsync($"/{layer}/{z}/{x}/{y}.png");
        using var tms = await GetAsync($"/{layer}/tms/{z}/{x}/{tmsY}.png");
        Assert.Equal(HttpStatusCode.OK, xyz.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tms.StatusCode);
        Assert.Equal(await xyz.Content.ReadAsByteArrayAsync(Cancel), await tms.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(xyz.Headers.ETag, tms.Headers.ETag);
        Assert.Equal(xyz.Headers.CacheControl, tms.Headers.CacheControl);
        Assert.Equal("image/png", tms.Content.Headers.ContentType?.MediaType);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/{layer}/tms/{z}/{x}/{tmsY}.png");
        conditional.Headers.IfNoneMatch.Add(xyz.Headers.ETag!);
        using var notModified = await fixture.Client.SendAsync(conditional, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("/osm/tms/3/0/8.png", HttpStatusCode.BadRequest, "y 8 is outside 0..7 at zoom 3")]
    [InlineData("/osm/tms/3/0/x.png", HttpStatusCode.BadRequest, "y 'x' is not a whole number")]
    [InlineData("/osm/tms/20/0/0.png", HttpStatusCode.BadRequest, "zoom 20 is outside 0..19 for layer 'osm'")]
    [InlineData("/nosuch/tms/3/0/0.png", HttpStatusCode.NotFound, "layer 'nosuch' is not configured")]
    public async Task GetTms_Invalid_NamesTheProblem(string path, HttpStatusCode status, string expected)
    {
        using var response = await GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/vaduz/16/34400/23008.png", "tile 16/34400/23008 is outside the bounds of layer 'vaduz'")] // Appenzell: beyond the Liechtenstein box
    [InlineData("/vaduz/tms/16/34400/42527.png", "tile 16/34400/23008 is outside the bounds of layer 'vaduz'")]
    [InlineData("/vaduz/8/134/89.png", "tile 8/134/89 is outside the bounds of layer 'vaduz'")] // over Liechtenstein, below the box's zoom 9 and above the world's 5
    [InlineData("/vaduz/4/0/0.png", "tile 4/0/0 is outside the bounds of layer 'vaduz'")] // north of 80°
    public async Task Get_OutsideBounds_Is404WithoutRendering(string path, string expected)
    {
        await fixture.Cluster.WaitForIdleAsync();
        long renders = await fixture.Cluster.RendersAsync();
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(renders, await fixture.Cluster.RendersAsync());
    }

    [Theory]
    [InlineData("/vaduz/14/8625/5753.png")] // in the Liechtenstein box from zoom 9
    [InlineData("/vaduz/4/8/5.png")] // the world up to zoom 5
    [InlineData("/vaduz/5/3/10.png")]
    public async Task Get_InsideABox_Is200(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/vaduz/14/8625/5753.jpg?v=2", "/vaduz/14/8625/5753.png?v=2")]
    [InlineData("/vaduz/14/8625/5753@2x.jpg", "/vaduz/14/8625/5753@2x.png")]
    [InlineData("/vaduz/tms/14/8625/10630.jpg", "/vaduz/tms/14/8625/10630.png")]
    public async Task Get_RedirectedExtension_Is302ToTheSameTile(string path, string location)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Cluster.BaseAddress };
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Get_ExtensionNotRedirected_Is400()
    {
        using var response = await GetAsync("/osm/14/8625/5753.jpg");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("extension '.jpg' is not supported", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_LayerWithMaxCacheAge_OverridesTheZoomRules()
    {
        using var vaduz = await GetAsync("/vaduz/14/8625/5753.png");
        using var osm = await GetAsync("/osm/14/8625/5753.png");
        Assert.Equal(TimeSpan.FromMinutes(10), vaduz.Headers.CacheControl?.MaxAge);
        Assert.Equal(TimeSpan.FromDays(1), osm.Headers.CacheControl?.MaxAge);
    }

    [Theory]
    [InlineData("/vaduz/14/8625/5753.png", LayersFixture.VaduzOrigin, LayersFixture.VaduzOrigin)]
    [InlineData("/vaduz/14/8625/5753.png", "https://elsewhere.example.org", null)]
    [InlineData("/vaduz/tilejson.json", LayersFixture.VaduzOrigin, LayersFixture.VaduzOrigin)]
    [InlineData("/osm/14/8625/5753.png", "https://elsewhere.example.org", "*")]
    public async Task Get_WithOrigin_LayerAllowedOriginsDecide(string path, string origin, string? allowed)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", origin);
        using var response = await fixture.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(allowed, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null);
    }

    [Fact]
    public async Task Get_TileSize512_PlainTilesAre512RgbAndNoAt2x()
    {
        using var response = await GetAsync("/retina/14/8625/5753.png");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        byte[] png = await response.Content.ReadAsByteArrayAsync(Cancel);
        var stats = PixelStats.Of(png);
        Assert.Equal((512, 512), (stats.Image.Width, stats.Image.Height));
        Assert.Equal(2, png[25]); // IHDR colour type 2: RGB, as Png:Palette256 false asks
        Assert.True(stats.DistinctColors() > 8, "the tile is (nearly) blank");

        using var at2x = await GetAsync("/retina/14/8625/5753@2x.png");
        Assert.Equal(HttpStatusCode.NotFound, at2x.StatusCode);
        Assert.Contains("layer 'retina' has 512 px tiles; it offers no @2x tiles", await at2x.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WriteCacheOff_RendersEveryRequestAndStoresNothing()
    {
        await fixture.Cluster.WaitForIdleAsync();
        long before = await fixture.Cluster.RendersAsync();
        using var first = await GetAsync("/live/15/17250/11506.png");
        using var second = await GetAsync("/live/15/17250/11506.png");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(Cancel), await second.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(before + 2, await fixture.Cluster.RendersAsync());
        Assert.False(Directory.Exists(Path.Combine(fixture.Cluster.StoreRoot, "live")), "WriteCache false stored tiles");
    }

    private Task<HttpResponseMessage> GetAsync(string path) => fixture.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
}
