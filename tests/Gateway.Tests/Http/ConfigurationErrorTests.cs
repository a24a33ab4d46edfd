using TileCluster.Gateway.Tests.Infrastructure;
using TileCluster.Tests.Shared;

namespace TileCluster.Gateway.Tests.Http;

/// <summary>Invalid configuration stops start-up with a message that names the setting.</summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("gateway", "TILECLUSTER_Layers__osm__MaxZoom", "40", "Layers:osm:MaxZoom: 40 is outside 0..24")]
    [InlineData("silo", "TILECLUSTER_Layers__osm__MaxZoom", "40", "Layers:osm:MaxZoom: 40 is outside 0..24")]
    [InlineData("gateway", "TILECLUSTER_Layers__osm__MinZoom", "20", "Layers:osm:MinZoom: 20 is above MaxZoom 19")]
    [InlineData("gateway", "TILECLUSTER_Layers__osm__Bounds__0__West", "200", "Layers:osm:Bounds:0: West, South, East and North are all required")]
    [InlineData("gateway", "TILECLUSTER_Layers__osm__Provider__File", "no-such-style.yaml", "Layers:osm:Provider:File")]
    [InlineData("silo", "TILECLUSTER_Layers__osm__Provider__Kind", "mapnik", "Layers:osm:Provider:Kind: 'mapnik' is not a provider kind; known: style")]
    [InlineData("gateway", "TILECLUSTER_Layers__osm__Provider__Kind", "mbtiles", "/styles/osm.yaml' is not a usable MBTiles file: it cannot be read as an MBTiles (SQLite) file")]
    [InlineData("silo", "TILECLUSTER_Layers__osm__Provider__Kind", "mbtiles", "Layers:osm:Provider:File: '")]
    [InlineData("gateway", "TILECLUSTER_Layers__osm__Provider__Kind", "proxy", "Layers:osm:Provider:Url is required for a proxy provider")]
    [InlineData("silo", "TILECLUSTER_Layers__osm__Metatile__Rows", "4", "Layers:osm:Metatile: 4 rows × 8 columns is not supported")]
    [InlineData("gateway", "TILECLUSTER_Index__File", "no-such-index.html", "Index:File: the file does not exist")]
    [InlineData("silo", "TILECLUSTER_Render__QueueCapacity", "0", "Render:QueueCapacity")]
    [InlineData("silo", "TILECLUSTER_Render__RetryAfter", "soon", "Render:RetryAfter")]
    [InlineData("gateway", "TILECLUSTER_Cache__Chains__default__0__Megabytes", "-5", "Cache:Chains:default:0 (memory):Megabytes: -5 is outside 1..1048576")]
    [InlineData("gateway", "TILECLUSTER_Cache__Chains__default__0__Kind", "disk", "Cache:Chains:default:0:Kind: 'disk' is not a cache tier")]
    [InlineData("gateway", "TILECLUSTER_Cache__Chains__default__1__Kind", "memcached", "Cache:Chains:default:1 (memcached):Connection: '' is not host:port")]
    [InlineData("gateway", "TILECLUSTER_Layers__osm__Cache", "shared", "Layers:osm:Cache: 'shared' names no chain under Cache:Chains (chains: default)")]
    [InlineData("silo", "TILECLUSTER_Store__S3__Bucket", "Tiles_Bucket", "Store:S3:Bucket: 'Tiles_Bucket' is not a bucket name")]
    [InlineData("silo", "TILECLUSTER_Store__Root", "", "Store:Root: required")]
    [InlineData("silo", "TILECLUSTER_Database__ConnectionString", "", "Database:ConnectionString")]
    [InlineData("gateway", "TILECLUSTER_Cluster__Redis", "", "Cluster:Redis is required")]
    [InlineData("silo", "TILECLUSTER_Cluster__Redis", " ", "Cluster:Redis is required")]
    [InlineData("silo", "TILECLUSTER_Cluster__AdvertisedAddress", "not-an-ip", "Cluster:AdvertisedAddress 'not-an-ip' is not an IP address")]
    [InlineData("silo", "TILECLUSTER_Cluster__SiloPort", "0", "Cluster:SiloPort")]
    [InlineData("gateway", "TILECLUSTER_Cluster__ProbeTimeout", "soon", "Cluster:ProbeTimeout")]
    [InlineData("silo", "TILECLUSTER_Cluster__IAmAlivePeriod", "00:00:00.5", "Cluster:IAmAlivePeriod must be at least 1 second")]
    [InlineData("silo", "TILECLUSTER_Grains__IdleTimeout", "00:00:00", "Grains:IdleTimeout")]
    [InlineData("gateway", "TILECLUSTER_CONFIG", "/nonexistent/tilecluster.json", "/nonexistent/tilecluster.json' does not exist")]
    public async Task Start_InvalidSetting_ExitsNamingIt(string program, string variable, string value, string expected)
    {
        string dll = program == "silo" ? RepositoryPaths.SiloDll : RepositoryPaths.GatewayDll;
        var (exitCode, output) = await TestCluster.RunToExitAsync(dll, new Dictionary<string, string> { [variable] = value });
        Assert.Equal(2, exitCode);
        Assert.Contains("configuration error", output);
        Assert.Contains(expected, output);
    }

    [Fact]
    public async Task Start_BrokenStyleFile_ExitsWithFileAndLine()
    {
        string style = Path.Combine(Directory.CreateTempSubdirectory("tilecluster-style-").FullName, "broken.yaml");
        await File.WriteAllTextAsync(style, "name: broken\nbackground: \"#f2efe9\"\nlayers:\n  - name: water\n    geometry: polygon\n    table: planet_osm_polygon\n    rules:\n      - fill: \"#zzzzzz\"\n", TestContext.Current.CancellationToken);
        var (exitCode, output) = await TestCluster.RunToExitAsync(RepositoryPaths.SiloDll, new Dictionary<string, string> { ["TILECLUSTER_Layers__osm__Provider__File"] = style });
        Assert.Equal(2, exitCode);
        Assert.Contains("broken.yaml:8:", output);
        Assert.Contains("#zzzzzz", output);
    }
}
