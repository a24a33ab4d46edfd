using System.Net;
using System.Net.Http.Headers;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Http;

/// <summary>Real tiles from the Liechtenstein import, through real HTTP.</summary>
public sealed class TileServingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Expected colours in expected places, from the real 2013 extract: the Rhine and the town on
    // the west, the forested slopes of the Alps on the east (openstreetmap-carto palette).
    [Fact]
    public async Task Get_VaduzZ14_IsRealMapTile()
    {
        var png = await GetPngAsync("/osm/14/8625/5753.png");
        var stats = PixelStats.Of(png);
        Assert.Equal((256, 256), (stats.Image.Width, stats.Image.Height));
        Assert.True(stats.DistinctColors() > 8, "the tile is (nearly) blank");
        Assert.True(stats.ShareIn(Palette.Forest, 171, 0, 256, 256) > 0.4, $"forest on the eastern slopes {stats.ShareIn(Palette.Forest, 171, 0, 256, 256):P1}");
        Assert.True(stats.ShareIn(Palette.Forest, 0, 0, 85, 256) < 0.02, "forest in the Rhine valley");
        Assert.True(stats.Share(Palette.Primary) > 0.01, $"primary road (Landstrasse) share {stats.Share(Palette.Primary):P1}");
        Assert.True(stats.Share(Palette.Secondary) > 0.01, $"secondary road share {stats.Share(Palette.Secondary):P1}");
        Assert.True(stats.Share(Palette.RoadWhite, 3) > 0.03, $"minor road share {stats.Share(Palette.RoadWhite, 3):P1}");
        Assert.True(stats.ShareIn(Palette.Land, 0, 0, 85, 256) > 0.3, "the valley floor is not land-coloured");
    }

    [Fact]
    public async Task Get_VaduzZ13_RhineOnTheWest()
    {
        var stats = PixelStats.Of(await GetPngAsync("/osm/13/4312/2876.png"));
        double west = stats.ShareIn(Palette.Water, 0, 0, 85, 256);
        double east = stats.ShareIn(Palette.Water, 171, 0, 256, 256);
        Assert.True(west > 0.003, $"Rhine water share in the west third {west:P2}");
        Assert.True(west > east * 3, $"more water in the east ({east:P2}) than along the Rhine ({west:P2})");
    }

    [Fact]
    public async Task Get_VaduzZ16_HasBuildingsAndRoads()
    {
        var stats = PixelStats.Of(await GetPngAsync("/osm/16/34501/23013.png"));
        Assert.True(stats.Share(Palette.Primary) > 0.02, $"Äulestrasse (primary) share {stats.Share(Palette.Primary):P1}");
        Assert.True(stats.Share(Palette.Building) > 0.01, $"building share {stats.Share(Palette.Building):P1}");
        Assert.True(stats.ShareIn(Palette.Forest, 171, 0, 256, 256) > 0.5, "the castle hill is not forested");
    }

    [Fact]
    public async Task Get_At2x_Is512Pixels()
    {
        var stats = PixelStats.Of(await GetPngAsync("/osm/14/8625/5753@2x.png"));
        Assert.Equal((512, 512), (stats.Image.Width, stats.Image.Height));
        Assert.True(stats.DistinctColors() > 8);
    }

    [Fact]
    public async Task Get_PaletteByDefault_IsIndexedPng()
    {
        var png = await GetPngAsync("/osm/15/17250/11506.png");
        Assert.Equal(3, png[25]); // IHDR colour type 3: indexed colour, like Mapnik's png256
    }

    [Fact]
    public async Task Get_WithMatchingETag_Is304()
    {
        using var first = await fixture.Client.GetAsync(new Uri("/osm/12/2156/1438.png", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.NotNull(first.Content.Headers.LastModified);
        Assert.Contains("max-age=", first.Headers.CacheControl?.ToString());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/osm/12/2156/1438.png");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await fixture.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(etag, second.Headers.ETag);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(Cancel));

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/osm/12/2156/1438.png");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-this-one\""));
        using var third = await fixture.Client.SendAsync(stale, Cancel);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Theory]
    [InlineData(5, 604800)]
    [InlineData(12, 86400)]
    [InlineData(17, 7200)]
    public async Task Get_CacheControl_ByZoom(int z, int maxAge)
    {
        int x = (int)((9.52 + 180) / 360 * (1 << z));
        int y = (int)((1 - Math.Log(Math.Tan(47.14 * Math.PI / 180) + (1 / Math.Cos(47.14 * Math.PI / 180))) / Math.PI) / 2 * (1 << z));
        using var response = await fixture.Client.GetAsync(new Uri($"/osm/{z}/{x}/{y}.png", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(maxAge), response.Headers.CacheControl?.MaxAge);
        Assert.True(response.Headers.CacheControl?.Public);
    }

    [Fact]
    public async Task Get_ConcurrentRequestsAcrossOneMetatile_RenderItOnce()
    {
        long before = await RendersAsync();

        // 200 requests over all 64 tiles of one metatile (z15, Schaan), all at once.
        var requests = Enumerable.Range(0, 200).Select(async i =>
        {
            int dx = i % 8;
            int dy = (i / 8) % 8;
            using var response = await fixture.Client.GetAsync(new Uri($"/osm/15/{17248 + dx}/{11496 + dy}.png", UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsByteArrayAsync(Cancel);
        });
        var tiles = await Task.WhenAll(requests);

        Assert.All(tiles, t => Assert.Equal(256, PixelStats.Of(t).Image.Width));
        Assert.Equal(before + 1, await RendersAsync());
    }

    [Fact]
    public async Task Get_Twice_SecondComesFromStoreWithoutRender()
    {
        await GetPngAsync("/osm/11/1078/719.png");
        long renders = await RendersAsync();
        var again = await GetPngAsync("/osm/11/1079/718.png");
        Assert.Equal(renders, await RendersAsync());
        Assert.NotEmpty(again);
    }

    [Fact]
    public async Task Get_WithOrigin_AllowsCorsAsConfigured()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/osm/12/2156/1438.png");
        request.Headers.Add("Origin", "https://example.org");
        using var response = await fixture.Client.SendAsync(request, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", response.Headers.GetValues("Access-Control-Expose-Headers").Single());
    }

    [Fact]
    public async Task Preview_IsLeafletPageWithAttribution()
    {
        string html = await fixture.Client.GetStringAsync(new Uri("/osm/preview.html", UriKind.Relative), Cancel);
        Assert.Contains("/lib/leaflet/leaflet.js", html);
        Assert.Contains("OpenStreetMap", html);
        Assert.Contains("contributors", html);
        using var leaflet = await fixture.Client.GetAsync(new Uri("/lib/leaflet/leaflet.js", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, leaflet.StatusCode);
    }

    private async Task<byte[]> GetPngAsync(string path)
    {
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync(Cancel);
    }

    private Task<long> RendersAsync() => fixture.Cluster.RendersAsync();
}
