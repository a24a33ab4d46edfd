using System.Net;
using System.Text.Json;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Layers;

/// <summary>
/// Proxy and MBTiles layers as a map client and an operator meet them: tiles of another
/// TileCluster passed through and kept as plain files, upstream failures as 502/504 that are
/// never kept, one fetch for concurrent requests, expiry, and MBTiles files read by their metadata.
/// </summary>
public sealed class PassThroughTileTests(PassThroughFixture fixture) : IClassFixture<PassThroughFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetProxyTile_OfSecondCluster_SameBytesAsUpstreamAndKeptAsPlainFile()
    {
        byte[] upstream = await fixture.Upstream.Client.GetByteArrayAsync(new Uri("/osm/14/8626/5753.png", UriKind.Relative), Cancel);

        using var response = await fixture.Client.GetAsync(new Uri("/up/14/8626/5753.png", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(upstream, await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(upstream, await File.ReadAllBytesAsync(fixture.TileFile("up", 14, 8626, 5753), Cancel));
    }

    [Fact]
    public async Task GetProxyTile_Twice_UpstreamAskedOnceWithOurUserAgent()
    {
        using var first = await fixture.Client.GetAsync(new Uri("/stub/10/1/2.png", UriKind.Relative), Cancel);
        using var second = await fixture.Client.GetAsync(new Uri("/stub/10/1/2.png", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(LocalTileServer.Png, await second.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(1, fixture.Stub.Hits("/ok/10/1/2.png"));
        Assert.Contains(fixture.Stub.UserAgents, ua => ua.StartsWith("TileCluster/", StringComparison.Ordinal) && ua.EndsWith($"(+{PassThroughFixture.Contact})", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetProxyTile_AfterSiloRestart_ServedFromKeptFileWithoutUpstream()
    {
        using (var first = await fixture.Client.GetAsync(new Uri("/stub/11/5/6.png", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        fixture.Cluster.Silos[0].Terminate();
        await fixture.Cluster.RestartSiloAsync(0);
        await fixture.Cluster.WaitForActiveSilosAsync(1);
        await fixture.Cluster.Gateway.WaitForAsync("/readyz", TimeSpan.FromSeconds(90));
        using var again = await fixture.Client.GetAsync(new Uri("/stub/11/5/6.png", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(LocalTileServer.Png, await again.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(1, fixture.Stub.Hits("/ok/11/5/6.png"));
    }

    [Fact]
    public async Task GetProxyTile_KeptLongerThanCacheLifespan_FetchedAgainAndReplaced()
    {
        using (var first = await fixture.Client.GetAsync(new Uri("/aging/10/7/7.png", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var fresh = await fixture.Client.GetAsync(new Uri("/aging/10/7/7.png", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        Assert.Equal(1, fixture.Stub.Hits("/ok/10/7/7.png"));
        string file = fixture.TileFile("aging", 10, 7, 7);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-2));

        using var old = await fixture.Client.GetAsync(new Uri("/aging/10/7/7.png", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal(2, fixture.Stub.Hits("/ok/10/7/7.png"));
        Assert.True(File.GetLastWriteTimeUtc(file) > DateTime.UtcNow.AddHours(-1));
    }

    [Fact]
    public async Task GetProxyTile_ConcurrentRequests_ShareOneFetch()
    {
        // 'lag' keeps no files, so only the shared in-flight fetch can spare the upstream, which
        // holds its answer until all eight requests have had ample time to arrive (the gateway's
        // retries after Cluster:CallAttemptTimeout join the same fetch).
        var requests = Enumerable.Range(0, 8).Select(_ => fixture.Client.GetAsync(new Uri("/lag/9/3/4.png", UriKind.Relative), Cancel)).ToArray();
        while (fixture.Stub.Hits("/lag/9/3/4.png") == 0)
        {
            await Task.Delay(50, Cancel);
        }

        await Task.Delay(TimeSpan.FromSeconds(10), Cancel);
        fixture.Stub.ReleaseLag();
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, fixture.Stub.Hits("/lag/9/3/4.png"));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task GetProxyTile_UpstreamError_502RetriedAndNeverKept()
    {
        using var first = await fixture.Client.GetAsync(new Uri("/broken/10/3/3.png", UriKind.Relative), Cancel);
        using var second = await fixture.Client.GetAsync(new Uri("/broken/10/3/3.png", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        Assert.Contains("answered 500 for tile 10/3/3", await DetailAsync(first));
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);

        // Retries 1: two attempts per request, and the failure was not kept for the second request.
        Assert.Equal(4, fixture.Stub.Hits("/error/10/3/3.png"));
        Assert.False(File.Exists(fixture.TileFile("broken", 10, 3, 3)));
    }

    [Fact]
    public async Task GetProxyTile_UpstreamAnswersHtml_502NotATileAndNotKept()
    {
        using var response = await fixture.Client.GetAsync(new Uri("/html/10/4/4.png", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("text/html", await DetailAsync(response));
        Assert.Contains("not a png tile", await DetailAsync(response));
        Assert.False(File.Exists(fixture.TileFile("html", 10, 4, 4)));
    }

    [Fact]
    public async Task GetProxyTile_SlowUpstream_504()
    {
        using var response = await fixture.Client.GetAsync(new Uri("/slow/10/5/5.png", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("did not answer tile 10/5/5 within 1 s on 2 attempts", await DetailAsync(response));
        Assert.False(File.Exists(fixture.TileFile("slow", 10, 5, 5)));
    }

    [Fact]
    public async Task GetProxyTile_UpstreamHasNone_404()
    {
        using var response = await fixture.Client.GetAsync(new Uri("/gone/10/6/6.png", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("has no tile 10/6/6", await DetailAsync(response));
    }

    [Theory]
    [InlineData("/stub/10/1/2@2x.png", HttpStatusCode.NotFound, "it offers no @2x tiles")]
    [InlineData("/stub/10/1/2.jpg", HttpStatusCode.BadRequest, "extension '.jpg' is not supported; tiles of this layer are '.png'")]
    [InlineData("/mbv/6/33/22.png", HttpStatusCode.BadRequest, "extension '.png' is not supported; tiles of this layer are '.mvt' or '.pbf'")]
    [InlineData("/mbt/12/2156/1438.png", HttpStatusCode.BadRequest, "zoom 12 is outside 13..14 for layer 'mbt'")]
    [InlineData("/mbt/14/8626/5753.png", HttpStatusCode.NotFound, "the MBTiles file of layer 'mbt' has no tile 14/8626/5753")]
    public async Task GetPassThroughTile_NotProvided_NamesTheProblem(string path, HttpStatusCode status, string expected)
    {
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, await DetailAsync(response));
    }

    [Fact]
    public async Task Expire_ProxyTile_RemovesKeptFileAndNextRequestFetchesAgain()
    {
        using (var first = await fixture.Client.GetAsync(new Uri("/stub/12/20/30.png", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        Assert.True(File.Exists(fixture.TileFile("stub", 12, 20, 30)));

        using var expire = await fixture.ExpireAsync("stub", 12, "12/20/30\n");
        Assert.Equal(HttpStatusCode.OK, expire.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await expire.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("dirtied").GetInt64());
        Assert.False(File.Exists(fixture.TileFile("stub", 12, 20, 30)));

        using var again = await fixture.Client.GetAsync(new Uri("/stub/12/20/30.png", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, fixture.Stub.Hits("/ok/12/20/30.png"));
        Assert.True(File.Exists(fixture.TileFile("stub", 12, 20, 30)));
    }

    [Fact]
    public async Task GetMbTiles_FileWrittenByOurWriter_ServesUpstreamBytesInXyzAndTms()
    {
        foreach (var (z, x, y) in PassThroughFixture.MbTilesTiles)
        {
            using var xyz = await fixture.Client.GetAsync(new Uri($"/mbt/{z}/{x}/{y}.png", UriKind.Relative), Cancel);
            using var tms = await fixture.Client.GetAsync(new Uri($"/mbt/tms/{z}/{x}/{(1 << z) - 1 - y}.png", UriKind.Relative), Cancel);

            Assert.Equal(HttpStatusCode.OK, xyz.StatusCode);
            Assert.Equal("image/png", xyz.Content.Headers.ContentType?.MediaType);
            Assert.Equal(fixture.UpstreamTiles[(z, x, y)], await xyz.Content.ReadAsByteArrayAsync(Cancel));
            Assert.Equal(fixture.UpstreamTiles[(z, x, y)], await tms.Content.ReadAsByteArrayAsync(Cancel));
        }
    }

    [Fact]
    public async Task GetTileJson_MbTilesLayer_ZoomsBoundsAndAttributionFromMetadata()
    {
        var json = JsonDocument.Parse(await fixture.Client.GetStringAsync(new Uri("/mbt/tilejson.json", UriKind.Relative), Cancel)).RootElement;

        Assert.Equal(13, json.GetProperty("minzoom").GetInt32());
        Assert.Equal(14, json.GetProperty("maxzoom").GetInt32());
        Assert.Equal([9.50, 47.12, 9.55, 47.16], json.GetProperty("bounds").EnumerateArray().Select(b => b.GetDouble()).ToArray());
        Assert.Equal("Vaduz test tiles", json.GetProperty("attribution").GetString());
        Assert.EndsWith("/mbt/{z}/{x}/{y}.png", json.GetProperty("tiles")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMbTiles_HandMadePbfFile_FormatFromMetadataAndTileUnzipped()
    {
        using var tile = await fixture.Client.GetAsync(new Uri("/mbv/6/33/22.pbf", UriKind.Relative), Cancel);
        var json = JsonDocument.Parse(await fixture.Client.GetStringAsync(new Uri("/mbv/tilejson.json", UriKind.Relative), Cancel)).RootElement;

        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
        Assert.Equal("application/vnd.mapbox-vector-tile", tile.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PassThroughFixture.VectorTile, await tile.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal("pbf", json.GetProperty("format").GetString());
        Assert.Equal(5, json.GetProperty("minzoom").GetInt32());
        Assert.Equal(7, json.GetProperty("maxzoom").GetInt32());
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("detail").GetString()!;
}
