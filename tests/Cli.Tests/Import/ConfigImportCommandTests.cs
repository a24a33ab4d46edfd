using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Storage.Caches;
using TileCluster.Tests.Shared;

namespace TileCluster.Cli.Tests.Import;

/// <summary><c>tilecluster config import</c> as a user runs it, on a realistic TileStache configuration.</summary>
public sealed class ConfigImportCommandTests : IDisposable
{
    private static readonly string Sample = Path.Combine(RepositoryPaths.Root, "tests", "Cli.Tests", "Import", "tilestache.cfg");
    private readonly string _dir = Directory.CreateTempSubdirectory("tilecluster-import-").FullName;

    [Fact]
    public async Task The_sample_converts_names_what_it_leaves_out_and_starts_with_our_validators()
    {
        string output = Path.Combine(_dir, "tilecluster.json");
        string style = Path.Combine(RepositoryPaths.Root, "styles", "osm.yaml");

        await using var run = await CliProcess.RunAsync(["config", "import", Sample, "--vector-style", style, "--output", output]);

        Assert.True(run.ExitCode == 0, run.Output);
        string[] lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] refused = [.. lines.Where(l => l.Contains(": not carried over: ", StringComparison.Ordinal)).Select(l => l[(Sample.Length + 1)..l.IndexOf(": not carried over", StringComparison.Ordinal)])];
        Assert.Equal(
            [
                "/cache/tiers/0/servers/1", "/cache/tiers/0/revision", "/cache/tiers/2/umask", "/cache/tiers/2/dirs", "/cache/tiers/2/gzip",
                "/layers/osm/provider", "/layers/osm",
                "/layers/roads/provider/driver", "/layers/roads/provider/parameters",
                "/layers/satellite/jpeg options",
                "/layers/grid/provider", "/layers/grid", "/layers/stack/provider", "/layers/stack", "/layers/hillshade/provider", "/layers/hillshade",
                "/layers/mvt/provider/kwargs/dbinfo", "/layers/mvt/provider/kwargs/queries", "/layers/mvt/provider/kwargs/clip",
            ],
            refused);
        Assert.Contains("Mapnik XML style (mapfile 'style/osm.xml')", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Python class provider ('myproject.tiles:HillshadeProvider')", run.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("converted 4 layers to " + output + "; 19 settings were not carried over", lines[^1], StringComparison.Ordinal);

        // The file, loaded as the gateway loads its configuration, passes the product's validators.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("BaseDirectory", _dir)])
            .AddJsonFile(output)
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<OrleansClusterOptions>().BindConfiguration(OrleansClusterOptions.Section);
        services.AddLayersOptions();
        services.AddTileCaches();
        using var provider = services.BuildServiceProvider();
        var layers = provider.GetRequiredService<IOptions<LayersOptions>>().Value.Layers;
        var tiers = provider.GetRequiredService<IOptions<CacheOptions>>().Value.TiersOf(CacheOptions.DefaultChain)!;

        Assert.Equal(["mvt", "roads", "satellite", "wms"], layers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("proxy", "jpeg"), (layers["satellite"].Provider.Kind, layers["satellite"].Provider.Format));
        Assert.Equal("url", layers["wms"].Provider.Kind);
        var roads = layers["roads"];
        Assert.Equal(("vector", "geojson", "padded", 5), (roads.Provider.Kind, roads.Provider.Format, roads.Provider.Clipped, roads.Provider.Precision));
        Assert.Equal(style, layers["roads"].Provider.File is { } file ? Path.GetFullPath(Path.Combine(_dir, file)) : null);
        Assert.Equal(["highway", "name"], roads.Provider.Properties);
        Assert.Equal(TimeSpan.FromHours(1), roads.MaxCacheAge);
        Assert.Equal(TimeSpan.FromDays(1), roads.CacheLifespan);
        Assert.Equal((10, 16, 9.47), (roads.Bounds[0].MinZoom, roads.Bounds[0].MaxZoom, roads.Bounds[0].West));
        Assert.Equal("json", roads.Redirects["js"]);
        Assert.False(layers["mvt"].WriteCache);
        Assert.Equal(["memcached", "redis"], tiers.Select(t => t.Kind));
        Assert.Equal("127.0.0.1:63790,defaultDatabase=2", tiers[1].Connection);
        Assert.Equal(
            Path.Combine(Path.GetDirectoryName(Sample)!, "cache", "tiles"),
            Path.GetFullPath(Path.Combine(_dir, configuration["Store:Root"]!)));
        Assert.Equal("Warning", configuration["Logging:LogLevel:Default"]);
    }

    [Fact]
    public async Task A_configuration_with_nothing_to_carry_over_writes_nothing_and_says_why()
    {
        string input = Path.Combine(_dir, "tilestache.cfg");
        await File.WriteAllTextAsync(input, """{"cache":{"name":"Test"},"layers":{"osm":{"provider":{"name":"mapnik","mapfile":"osm.xml"}}}}""", TestContext.Current.CancellationToken);
        string output = Path.Combine(_dir, "tilecluster.json");

        await using var run = await CliProcess.RunAsync(["config", "import", input, "--output", output]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{input}:/layers/osm/provider: not carried over: a Mapnik XML style", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: the converted configuration would not start: Layers: at least one layer must be configured", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was written", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_a_usage_error_naming_it()
    {
        string input = Path.Combine(_dir, "tilestache.cfg");
        await File.WriteAllTextAsync(input, "[layers]\nosm = mapnik\n", TestContext.Current.CancellationToken);

        await using var run = await CliProcess.RunAsync(["config", "import", input]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {input}: not a TileStache configuration: ", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
