using System.Net;
using System.Text.Json;
using TileCluster.Gateway.Tests.Infrastructure;

namespace TileCluster.Gateway.Tests.Layers;

/// <summary>
/// <c>/{layer}/tilejson.json</c> read the way Leaflet, MapLibre or QGIS read it: the URL template
/// filled in must fetch the tile, and zooms, bounds and centre must match the configuration.
/// </summary>
public sealed class TileJsonTests(LayersFixture fixture) : IClassFixture<LayersFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_ShippedLayer_DescribesItAndItsTemplateFetchesTiles()
    {
        using var json = await GetJsonAsync("/osm/tilejson.json");
        var root = json.RootElement;
        Assert.Equal("3.0.0", root.GetProperty("tilejson").GetString());
        Assert.Equal("OpenStreetMap (Liechtenstein sample)", root.GetProperty("name").GetString());
        Assert.Equal("xyz", root.GetProperty("scheme").GetString());
        Assert.Equal(0, root.GetProperty("minzoom").GetInt32());
        Assert.Equal(19, root.GetProperty("maxzoom").GetInt32());
        Assert.Equal([9.5209, 47.141, 13], Numbers(root.GetProperty("center")));
        Assert.Equal([-180, -85.0511, 180, 85.0511], Numbers(root.GetProperty("bounds")));
        Assert.Contains("OpenStreetMap", root.GetProperty("attribution").GetString(), StringComparison.Ordinal);

        string template = Assert.Single(root.GetProperty("tiles").EnumerateArray()).GetString()!;
        Assert.Equal($"{fixture.Cluster.BaseAddress.ToString().TrimEnd('/')}/osm/{{z}}/{{x}}/{{y}}.png", template);

        // As Leaflet fills it in: the tile at the centre of the advertised view.
        var url = new Uri(template.Replace("{z}", "14", StringComparison.Ordinal).Replace("{x}", "8625", StringComparison.Ordinal).Replace("{y}", "5753", StringComparison.Ordinal));
        using var tile = await fixture.Client.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
        Assert.Equal(256, PixelStats.Of(await tile.Content.ReadAsByteArrayAsync(Cancel)).Image.Width);
    }

    [Fact]
    public async Task Get_LayerWithBounds_UnionOfBoxesAndTheirMiddleAsCentre()
    {
        using var json = await GetJsonAsync("/vaduz/tilejson.json");
        var root = json.RootElement;
        Assert.Equal("Vaduz", root.GetProperty("name").GetString());
        Assert.Equal("Vaduz data", root.GetProperty("attribution").GetString());
        Assert.Equal((2, 17), (root.GetProperty("minzoom").GetInt32(), root.GetProperty("maxzoom").GetInt32()));
        Assert.Equal([-180, -60, 180, 80], Numbers(root.GetProperty("bounds")));
        Assert.Equal([0, 10, 2], Numbers(root.GetProperty("center")));
    }

    [Fact]
    public async Task Get_BehindProxyHost_TemplateUsesTheHostAsked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/osm/tilejson.json");
        request.Headers.Host = "tiles.example.org";
        using var response = await fixture.Client.SendAsync(request, Cancel);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("http://tiles.example.org/osm/{z}/{x}/{y}.png", json.RootElement.GetProperty("tiles")[0].GetString());
    }

    [Theory]
    [InlineData("/osm/tilejson.json?callback=showLayer", "showLayer", "tilejson")]
    [InlineData("/osm/tilejson.json?callback=_cb$1", "_cb$1", "tilejson")]
    [InlineData("/status.json?callback=jQuery123", "jQuery123", "silos")]
    public async Task Get_WithCallback_IsJsonpWrappingTheSameJson(string path, string callback, string property)
    {
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/javascript", response.Content.Headers.ContentType?.MediaType);
        string body = await response.Content.ReadAsStringAsync(Cancel);
        string prefix = $"/**/{callback}(";
        Assert.StartsWith(prefix, body, StringComparison.Ordinal);
        Assert.EndsWith(");", body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(body[prefix.Length..^2]);
        Assert.True(json.RootElement.TryGetProperty(property, out _));
    }

    [Theory]
    [InlineData("/osm/tilejson.json?callback=alert(1)", "'alert(1)' is not a plain JavaScript identifier")]
    [InlineData("/osm/tilejson.json?callback=a.b", "'a.b' is not a plain JavaScript identifier")]
    [InlineData("/osm/tilejson.json?callback=1abc", "'1abc' is not a plain JavaScript identifier")]
    [InlineData("/osm/tilejson.json?callback=", "'' is not a plain JavaScript identifier")]
    [InlineData("/osm/tilejson.json?callback=a&callback=b", "callback given more than once")]
    [InlineData("/status.json?callback=%3Cscript%3E", "'<script>' is not a plain JavaScript identifier")]
    public async Task Get_WithBadCallback_Is400NamingIt(string path, string expected)
    {
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownLayer_Is404NamingTheKnownOnes()
    {
        using var response = await fixture.Client.GetAsync(new Uri("/nosuch/tilejson.json", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("layer 'nosuch' is not configured; known layers: ", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Index_ListsEveryLayerWithItsLinks()
    {
        string html = await fixture.Client.GetStringAsync(new Uri("/", UriKind.Relative), Cancel);
        foreach (string layer in new[] { "osm", "vaduz", "retina", "live" })
        {
            Assert.Contains($"href=\"/{layer}/preview.html\"", html, StringComparison.Ordinal);
            Assert.Contains($"href=\"/{layer}/tilejson.json\"", html, StringComparison.Ordinal);
            Assert.Contains($"/{layer}/tms/{{z}}/{{x}}/{{y}}.png", html, StringComparison.Ordinal);
        }
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await fixture.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
    }

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => Math.Round(e.GetDouble(), 4))];
}
