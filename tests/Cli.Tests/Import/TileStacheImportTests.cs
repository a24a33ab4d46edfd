using System.Text.Json.Nodes;
using TileCluster.Cli.Import;

namespace TileCluster.Cli.Tests.Import;

/// <summary>TileStache snippets → our configuration, or a named refusal: the conversion table of <c>tilecluster config import</c>.</summary>
public sealed class TileStacheImportTests
{
    private static readonly ImportPaths Paths = new("/srv/stache", "/etc/tilecluster");

    [Theory]
    [InlineData("""{"provider":{"name":"vector","driver":"PostgreSQL","properties":["name","highway"],"clipped":"padded","precision":4}}""",
        """{"Provider":{"Kind":"vector","File":"styles/osm.yaml","Format":"geojson","Properties":["name","highway"],"Clipped":"padded","Precision":4}}""")]
    [InlineData("""{"provider":{"name":"vector","properties":{"name":"name"},"clipped":false}}""",
        """{"Provider":{"Kind":"vector","File":"styles/osm.yaml","Format":"geojson","Properties":["name"],"Clipped":"false"}}""")]
    [InlineData("""{"provider":{"class":"TileStache.Goodies.VecTiles:Provider","kwargs":{}}}""",
        """{"Provider":{"Kind":"vector","File":"styles/osm.yaml","Format":"mvt"}}""")]
    [InlineData("""{"provider":{"name":"vector"},"metatile":{"rows":8,"columns":8,"buffer":64}}""",
        """{"Provider":{"Kind":"vector","File":"styles/osm.yaml","Format":"geojson"},"Metatile":{"Buffer":64}}""")]
    [InlineData("""{"provider":{"name":"vector"},"preview":{"lat":47.1,"lon":9.5,"zoom":12,"ext":"json"}}""",
        """{"Provider":{"Kind":"vector","File":"styles/osm.yaml","Format":"geojson"},"Preview":{"Lat":47.1,"Lon":9.5,"Zoom":12,"Ext":"json"}}""")]
    [InlineData("""{"provider":{"name":"vector"},"bounds":{"low":3,"high":12,"west":9,"south":47,"east":10,"north":48}}""",
        """{"Provider":{"Kind":"vector","File":"styles/osm.yaml","Format":"geojson"},"Bounds":[{"MinZoom":3,"MaxZoom":12,"West":9,"South":47,"East":10,"North":48}]}""")]
    [InlineData("""{"provider":{"name":"vector"},"bounds":[{"south":40},{"west":1,"east":2,"north":89}]}""",
        """{"Provider":{"Kind":"vector","File":"styles/osm.yaml","Format":"geojson"},"Bounds":[{"South":40,"West":-180.0,"East":180.0,"North":85.0511},{"West":1,"East":2,"North":85.0511,"South":-85.0511}]}""")]
    [InlineData("""{"provider":{"name":"vector"},"allowed origin":"https://maps.example.org","maximum cache age":90061,"write cache":false}""",
        """{"Provider":{"Kind":"vector","File":"styles/osm.yaml","Format":"geojson"},"AllowedOrigins":["https://maps.example.org"],"MaxCacheAge":"1.01:01:01","WriteCache":false}""")]
    [InlineData("""{"provider":{"name":"vector"},"cache lifespan":86400,"stale lock timeout":15}""",
        """{"Provider":{"Kind":"vector","File":"styles/osm.yaml","Format":"geojson"},"CacheLifespan":"1.00:00:00","StaleLockTimeout":"00:00:15"}""")]
    [InlineData("""{"provider":{"name":"vector"},"tile height":256,"projection":"spherical mercator","redirects":{"js":"geojson"}}""",
        """{"Provider":{"Kind":"vector","File":"styles/osm.yaml","Format":"geojson"},"TileSize":256,"Redirects":{"js":"geojson"}}""")]
    [InlineData("""{"provider":{"name":"proxy","url":"https://t.example/{Z}/{X}/{Y}.jpg","timeout":2.5}}""",
        """{"Provider":{"Kind":"proxy","Url":"https://t.example/{Z}/{X}/{Y}.jpg","Format":"jpeg","Timeout":"00:00:02.5000000"}}""")]
    [InlineData("""{"provider":{"name":"proxy","url":"https://t.example/{Z}/{X}/{Y}.png"}}""",
        """{"Provider":{"Kind":"proxy","Url":"https://t.example/{Z}/{X}/{Y}.png"}}""")]
    [InlineData("""{"provider":{"name":"url template","template":"https://w.example/?bbox=$xmin,$ymin,$xmax,$ymax&w=$width&h=$height"}}""",
        """{"Provider":{"Kind":"url","Template":"https://w.example/?bbox=$xmin,$ymin,$xmax,$ymax&w=$width&h=$height"}}""")]
    [InlineData("""{"provider":{"name":"mbtiles","tileset":"a.mbtiles"}}""",
        """{"Provider":{"Kind":"mbtiles","File":"../../srv/stache/a.mbtiles"}}""")]
    public void A_layer_converts_setting_by_setting(string tilestache, string expected)
    {
        var result = Convert("{\"layers\":{\"l\":" + tilestache + "}}", vectorStyle: "styles/osm.yaml");

        Assert.DoesNotContain(result.Refusals, r => !r.Path.Contains("/driver", StringComparison.Ordinal));
        var layer = result.Configuration["Layers"]!["l"];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), layer), $"expected {expected}\nbut got {layer?.ToJsonString()}");
    }

    [Theory]
    [InlineData("""{"provider":{"name":"mapnik","mapfile":"osm.xml"}}""", "/layers/l/provider", "Mapnik XML style (mapfile 'osm.xml')")]
    [InlineData("""{"provider":{"class":"my.module:Provider","kwargs":{}}}""", "/layers/l/provider", "Python class provider ('my.module:Provider')")]
    [InlineData("""{"provider":{"name":"mapnik grid","mapfile":"osm.xml"}}""", "/layers/l/provider", "maps to TileCluster's 'utfgrid' provider")]
    [InlineData("""{"provider":{"class":"TileStache.Sandwich:Provider","kwargs":{"stack":[]}}}""", "/layers/l/provider", "maps to TileCluster's 'composite' provider")]
    [InlineData("""{"provider":{"name":"teapot"}}""", "/layers/l/provider", "'teapot' is not a TileStache provider")]
    [InlineData("""{"preview":{"lat":1}}""", "/layers/l", "no 'provider' object")]
    public void A_provider_with_no_counterpart_is_named_and_its_layer_left_out(string tilestache, string path, string reason)
    {
        var result = Convert("{\"layers\":{\"l\":" + tilestache + "}}", vectorStyle: "styles/osm.yaml");

        Assert.Contains(result.Refusals, r => r.Path == path && r.Reason.Contains(reason, StringComparison.Ordinal));
        Assert.Empty(result.Configuration["Layers"]!.AsObject());
    }

    [Fact]
    public void A_vector_provider_without_a_style_to_serve_it_is_refused()
    {
        var result = Convert("""{"layers":{"l":{"provider":{"name":"vector","driver":"PostgreSQL"}}}}""", vectorStyle: null);

        Assert.Contains(result.Refusals, r => r.Path == "/layers/l/provider" && r.Reason.Contains("--vector-style", StringComparison.Ordinal));
        Assert.Empty(result.Configuration["Layers"]!.AsObject());
    }

    [Theory]
    [InlineData("""{"metatile":{"rows":4}}""", "/layers/l/metatile/rows", "8×8 metatiles only")]
    [InlineData("""{"metatile":{"buffer":1024}}""", "/layers/l/metatile/buffer", "1024 is outside 0..512")]
    [InlineData("""{"tile height":300}""", "/layers/l/tile height", "a vector layer has no pixel size")]
    [InlineData("""{"jpeg options":{"quality":60}}""", "/layers/l/jpeg options", "JPEG settings belong to TileCluster style layers that render JPEG")]
    [InlineData("""{"png options":{"palette256":true}}""", "/layers/l/png options/palette256", "no PNG tiles")]
    [InlineData("""{"cache lifespan":0}""", "/layers/l/cache lifespan", "0 is outside 1..")]
    [InlineData("""{"stale lock timeout":7200}""", "/layers/l/stale lock timeout", "7200 is outside 1..3600")]
    [InlineData("""{"pixel effect":{"name":"blur"}}""", "/layers/l/pixel effect", "no pixel effects")]
    [InlineData("""{"projection":"WGS84"}""", "/layers/l/projection", "spherical mercator (EPSG:3857) tiles only")]
    [InlineData("""{"preview":{"lat":47,"lon":9}}""", "/layers/l/preview", "zoom missing")]
    [InlineData("""{"preview":{"ext":"png"}}""", "/layers/l/preview/ext", "'png' is not an extension of a vector layer")]
    [InlineData("""{"bounds":{"west":"nine"}}""", "/layers/l/bounds/west", "expected a number")]
    [InlineData("""{"bounds":[{"low":40}]}""", "/layers/l/bounds/0/low", "40 is outside 0..")]
    [InlineData("""{"redirects":{"jpg":"png"}}""", "/layers/l/redirects/jpg", "'png' is not an extension this vector layer serves")]
    [InlineData("""{"maximum cache age":"1h"}""", "/layers/l/maximum cache age", "expected a whole number")]
    [InlineData("""{"write cache":"no"}""", "/layers/l/write cache", "expected true or false")]
    [InlineData("""{"tiles per inch":3}""", "/layers/l/tiles per inch", "not a layer setting")]
    public void A_layer_setting_with_no_counterpart_is_named_and_the_layer_kept(string settings, string path, string reason)
    {
        string layer = settings.Insert(1, """ "provider":{"name":"vector"}, """);

        var result = Convert("{\"layers\":{\"l\":" + layer + "}}", vectorStyle: "styles/osm.yaml");

        // The setting first; a bounds box with a bad edge is then left out whole, and says so.
        var refusal = result.Refusals[0];
        Assert.Equal(path, refusal.Path);
        Assert.All(result.Refusals.Skip(1), r => Assert.Contains("the box is left out", r.Reason, StringComparison.Ordinal));
        Assert.Contains(reason, refusal.Reason, StringComparison.Ordinal);
        Assert.NotNull(result.Configuration["Layers"]!["l"]);
    }

    [Theory]
    [InlineData("""{"name":"Test"}""", """{"Cache":{"Chains":{"default":[{"Kind":"none"}]}}}""", "/cache/name")]
    [InlineData("""{"name":"Disk","path":"tiles"}""", """{"Store":{"Root":"../../srv/stache/tiles"}}""", null)]
    [InlineData("""{"name":"Disk","path":"/var/cache/stache","dirs":"portable"}""", """{"Store":{"Root":"../../var/cache/stache"}}""", "/cache/dirs")]
    [InlineData("""{"name":"Memcache","servers":["10.0.0.1:11211"],"key prefix":"t-"}""", """{"Cache":{"Chains":{"default":[{"Kind":"memcached","Connection":"10.0.0.1:11211","KeyPrefix":"t-"}]}}}""", null)]
    [InlineData("""{"name":"Memcache"}""", """{"Cache":{"Chains":{"default":[{"Kind":"memcached","Connection":"127.0.0.1:11211"}]}}}""", null)]
    [InlineData("""{"name":"Memcache","servers":["a:1","b:2"]}""", """{"Cache":{"Chains":{"default":[{"Kind":"memcached","Connection":"a:1"}]}}}""", "/cache/servers/1")]
    [InlineData("""{"name":"Redis","host":"r.example","port":6380,"db":3}""", """{"Cache":{"Chains":{"default":[{"Kind":"redis","Connection":"r.example:6380,defaultDatabase=3"}]}}}""", null)]
    [InlineData("""{"name":"Redis"}""", """{"Cache":{"Chains":{"default":[{"Kind":"redis","Connection":"localhost:6379"}]}}}""", null)]
    [InlineData("""{"name":"Multi","tiers":[{"name":"Redis"},{"name":"Disk","path":"/t"}]}""", """{"Store":{"Root":"../../t"},"Cache":{"Chains":{"default":[{"Kind":"redis","Connection":"localhost:6379"}]}}}""", null)]
    [InlineData("""{"name":"S3","bucket":"tiles"}""", "{}", "/cache")]
    [InlineData("""{"class":"my.caches:Cache"}""", "{}", "/cache")]
    public void A_cache_converts_to_tiers_and_the_store(string tilestache, string expected, string? refused)
    {
        var result = Convert("{\"cache\":" + tilestache + "}", vectorStyle: null);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result.Configuration), $"expected {expected}\nbut got {result.Configuration.ToJsonString()}");
        Assert.Equal(refused is null ? [] : [refused], result.Refusals.Select(r => r.Path));
    }

    [Theory]
    [InlineData("""{"index":"html/index.html"}""", """{"Index":{"File":"../../srv/stache/html/index.html"}}""", null)]
    [InlineData("""{"index":"https://example.org/"}""", "{}", "/index")]
    [InlineData("""{"logging":"debug"}""", """{"Logging":{"LogLevel":{"Default":"Debug"}}}""", null)]
    [InlineData("""{"logging":"info"}""", """{"Logging":{"LogLevel":{"Default":"Information"}}}""", null)]
    [InlineData("""{"logging":"loud"}""", "{}", "/logging")]
    [InlineData("""{"layer":{}}""", "{}", "/layer")]
    public void Whole_configuration_settings_convert(string tilestache, string expected, string? refused)
    {
        var result = Convert(tilestache, vectorStyle: null);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result.Configuration), $"expected {expected}\nbut got {result.Configuration.ToJsonString()}");
        Assert.Equal(refused is null ? [] : [refused], result.Refusals.Select(r => r.Path));
    }

    [Fact]
    public void Keys_with_a_slash_or_tilde_are_escaped_in_the_pointer()
    {
        var result = Convert("""{"layers":{"l":{"provider":{"name":"vector"},"a/b~c":1}}}""", vectorStyle: "s.yaml");

        Assert.Equal("/layers/l/a~1b~0c", Assert.Single(result.Refusals).Path);
    }

    private static ImportResult Convert(string tilestache, string? vectorStyle) => new TileStacheImport(Paths, vectorStyle).Convert(tilestache);
}
