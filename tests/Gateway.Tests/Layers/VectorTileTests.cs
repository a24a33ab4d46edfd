using System.IO.Compression;
using System.Net;
using System.Text.Json;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using NtsTile = NetTopologySuite.IO.VectorTiles.Tiles.Tile;

namespace TileCluster.Gateway.Tests.Layers;

/// <summary>Vector layers served over HTTP by a real cluster, read like a map client would.</summary>
public sealed class VectorTileTests(VectorLayersFixture fixture) : IClassFixture<VectorLayersFixture>
{
    // Vaduz centre at z14.
    private const string Vaduz = "14/8625/5753";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mvt_Gzipped_ForClientsThatAcceptIt_DecodesWithTheStyleLayersAndOnlyTheWhitelistedProperties()
    {
        using var zipped = await GetAsync($"/mvt/{Vaduz}.mvt", gzip: true);
        using var plain = await GetAsync($"/mvt/{Vaduz}.pbf", gzip: false);

        Assert.Equal(HttpStatusCode.OK, zipped.StatusCode);
        Assert.Equal("application/vnd.mapbox-vector-tile", zipped.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["gzip"], zipped.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", zipped.Headers.Vary);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        byte[] raw = await plain.Content.ReadAsByteArrayAsync(Cancel);
        byte[] unzipped = Gunzip(await zipped.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(raw, unzipped);
        Assert.NotEqual(zipped.Headers.ETag, plain.Headers.ETag);

        using var stream = new MemoryStream(raw);
        var tile = new MapboxTileReader().Read(stream, new NtsTile(8625, 5753, 14));
        Assert.Contains(tile.Layers, l => l.Name == "roads" && l.Features.Count > 0);
        Assert.Contains(tile.Layers, l => l.Name == "landcover");
        Assert.All(tile.Layers.SelectMany(l => l.Features), f => Assert.All(f.Attributes.GetNames(), n => Assert.Contains(n, new[] { "highway", "name" })));
    }

    [Fact]
    public async Task Mvt_IfNoneMatch_Is304_ForTheEncodingAsked()
    {
        using var first = await GetAsync($"/mvt/{Vaduz}.mvt", gzip: true);
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/mvt/{Vaduz}.mvt");
        again.Headers.AcceptEncoding.ParseAdd("gzip");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await fixture.Client.SendAsync(again, Cancel);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Theory]
    [InlineData("/mvt/14/8625/5753.png", HttpStatusCode.BadRequest, "tiles of this layer are '.mvt' or '.pbf'")]
    [InlineData("/mvt/14/8625/5753@2x.mvt", HttpStatusCode.BadRequest, "no '@2x' vector tiles")]
    [InlineData("/mvt/17/69002/46026.mvt", HttpStatusCode.BadRequest, "zoom 17 is outside 0..16")]
    [InlineData("/osm/14/8625/5753.mvt", HttpStatusCode.BadRequest, "tiles of this layer are '.png'")]
    [InlineData("/geo/14/8625/5753.mvt", HttpStatusCode.BadRequest, "tiles of this layer are '.geojson' or '.json'")]
    [InlineData("/mvt/export?bbox=9.5,47.1,9.55,47.15&zoom=14", HttpStatusCode.BadRequest, "layer 'mvt' makes vector tiles; an export needs a layer that renders images")]
    [InlineData("/geo/preview.html", HttpStatusCode.NotFound, "/geo/tilejson.json")]
    [InlineData("/geo/style.json", HttpStatusCode.NotFound, "makes no Mapbox Vector Tiles")]
    [InlineData("/osm/style.json", HttpStatusCode.NotFound, "makes no Mapbox Vector Tiles")]
    public async Task WrongFormatOrUse_GetsAClearError(string path, HttpStatusCode status, string expected)
    {
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task StyleJson_DrawsTheTilesInTheYamlStylesColours_AndThePreviewUsesMapLibre()
    {
        using var json = JsonDocument.Parse(await fixture.Client.GetStringAsync(new Uri("/mvt/style.json", UriKind.Relative), Cancel));
        var root = json.RootElement;
        Assert.Equal(8, root.GetProperty("version").GetInt32());
        Assert.EndsWith("/mvt/tilejson.json", root.GetProperty("sources").GetProperty("mvt").GetProperty("url").GetString(), StringComparison.Ordinal);
        var layers = root.GetProperty("layers").EnumerateArray().ToArray();

        // styles/osm.yaml: background #f2efe9; motorways #e892a2 with a casing. The layer carries only
        // highway and name, so rules on landuse (which no feature could match) are left out.
        Assert.Equal("#f2efe9", layers[0].GetProperty("paint").GetProperty("background-color").GetString());
        Assert.All(layers.Skip(1), l => Assert.Equal("mvt", l.GetProperty("source").GetString()));
        Assert.All(layers.Skip(1), l => Assert.InRange(l.GetProperty("maxzoom").GetInt32(), l.GetProperty("minzoom").GetInt32() + 1, 24));
        Assert.Contains(layers, l => l.GetProperty("type").GetString() == "line"
            && l.GetProperty("paint").GetProperty("line-color").GetString() == "#e892a2"
            && l.GetProperty("filter").GetRawText().Contains("\"motorway\"", StringComparison.Ordinal));
        Assert.DoesNotContain(layers, l => l.TryGetProperty("filter", out var filter) && filter.GetRawText().Contains("landuse", StringComparison.Ordinal));

        string page = await fixture.Client.GetStringAsync(new Uri("/mvt/preview.html", UriKind.Relative), Cancel);
        Assert.Contains("/lib/maplibre-gl/maplibre-gl.js", page, StringComparison.Ordinal);
        Assert.Contains("\"styleUrl\":\"/mvt/style.json\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeoJson_IsAFeatureCollection_WithLayerNamesAndFiveDecimals()
    {
        using var response = await GetAsync($"/geo/{Vaduz}.geojson", gzip: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("FeatureCollection", json.RootElement.GetProperty("type").GetString());
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToArray();
        Assert.Contains(features, f => f.GetProperty("properties").GetProperty("layer").GetString() == "buildings");
        string text = json.RootElement.GetRawText();
        Assert.DoesNotMatch(@"\d\.\d{6,}", text);
    }

    [Fact]
    public async Task TileJson_OfAVectorLayer_ListsTheLayersInsideWithTheirFields()
    {
        using var json = JsonDocument.Parse(await fixture.Client.GetStringAsync(new Uri("/mvt/tilejson.json", UriKind.Relative), Cancel));
        var root = json.RootElement;

        Assert.Equal("pbf", root.GetProperty("format").GetString());
        Assert.EndsWith("/mvt/{z}/{x}/{y}.mvt", root.GetProperty("tiles")[0].GetString());
        var roads = root.GetProperty("vector_layers").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "roads");
        Assert.Equal(["highway"], roads.GetProperty("fields").EnumerateObject().Select(p => p.Name).Order());
        var labels = root.GetProperty("vector_layers").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "road-labels");
        Assert.Equal(["highway", "name"], labels.GetProperty("fields").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(13, labels.GetProperty("minzoom").GetInt32());
        using var raster = JsonDocument.Parse(await fixture.Client.GetStringAsync(new Uri("/osm/tilejson.json", UriKind.Relative), Cancel));
        Assert.False(raster.RootElement.TryGetProperty("vector_layers", out _));
    }

    [Fact]
    public async Task Expiry_ReachesVectorTiles_TheHotMetatileIsBuiltAgainAtOnce_AndAnEmptyTileIsServedFromTheStore()
    {
        // North-west of Vaduz, in a z13 metatile no other test of this class touches (nor its children).
        using var before = await GetAsync("/mvt/13/4308/2870.mvt", gzip: false);
        long renders = await fixture.Cluster.RendersAsync();

        using var expired = await fixture.ExpireAsync("mvt", "13/4308/2870\n");
        using var after = await GetAsync("/mvt/13/4308/2870.mvt", gzip: false);

        // One render by the expiry; the request after it is served from the store, even though
        // this tile has nothing in it (an empty tile is stored as such, not taken for a missing one).
        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Equal(renders + 1, await fixture.Cluster.RendersAsync());
        Assert.True(after.Content.Headers.LastModified >= before.Content.Headers.LastModified);
        // The data did not change, so neither did the tile, nor its ETag (a hash of its bytes).
        byte[] tile = await after.Content.ReadAsByteArrayAsync(Cancel);
        Assert.Empty(tile);
        Assert.Equal(await before.Content.ReadAsByteArrayAsync(Cancel), tile);
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, bool gzip)
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
}
