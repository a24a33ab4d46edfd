using Npgsql;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering;
using TileCluster.Rendering.Imaging;
using TileCluster.Rendering.Styles;
using TileCluster.Rendering.Tests.Styles;
using Xunit;

namespace TileCluster.Rendering.Tests;

/// <summary>Renders against the dev PostGIS named by TILECLUSTER_TEST_CONNECTION.</summary>
public sealed class MapRendererTests
{
    private const string ConnectionVariable = "TILECLUSTER_TEST_CONNECTION";

    private static readonly Lazy<MapStyle> Style = new(() => StyleLoader.Load(Path.Combine(StyleLoaderTests.RepoRoot(), "styles", "osm.yaml")));

    private static string Connection => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{ConnectionVariable} is not set: point it at the osm2pgsql Liechtenstein database, e.g. 'Host=127.0.0.1;Port=55432;Username=postgres;Database=osm'");

    private static MapRenderer Renderer(NpgsqlDataSource dataSource) => new(new Dictionary<string, MapStyle> { ["osm"] = Style.Value }, dataSource);

    [Fact]
    public void Render_AfterWarmUpAndAnotherMetatile_WritesTheTilesOfAFreshRenderer()
    {
        // The warm-up's squares and the previous render's colour counts live on in the thread's
        // canvas and encoder buffers; neither may reach the next metatile's tiles.
        using var dataSource = NpgsqlDataSource.Create(Connection);
        var vaduz = MetatileKey.For("osm", 1, TileCoord.Create(16, 34501, 23013));
        var schaan = MetatileKey.For("osm", 1, TileCoord.Create(14, 8624, 5744));
        using var fresh = Renderer(dataSource);
        var expected = fresh.Render(vaduz, TestContext.Current.CancellationToken);

        using var warm = Renderer(dataSource);
        warm.WarmUp();
        warm.Render(schaan, TestContext.Current.CancellationToken);
        var actual = warm.Render(vaduz, TestContext.Current.CancellationToken);

        for (int i = 0; i < 64; i++)
        {
            Assert.Equal(expected.Get(i / 8, i % 8), actual.Get(i / 8, i % 8));
        }
    }

    [Fact]
    public void Render_VaduzZ14_TilesDecodeWithLandAndRoadColours()
    {
        using var dataSource = NpgsqlDataSource.Create(Connection);
        using var renderer = Renderer(dataSource);

        // Vaduz centre (9.5228 E, 47.1393 N).
        var key = MetatileKey.For("osm", 1, TileCoord.Create(14, 8625, 5753));
        var metatile = renderer.Render(key, TestContext.Current.CancellationToken);

        Assert.Equal(8, metatile.TilesPerSide);
        var colours = new HashSet<Rgba>();
        for (int dx = 0; dx < 8; dx++)
        {
            for (int dy = 0; dy < 8; dy++)
            {
                var png = PngImage.Decode(metatile.Get(dx, dy));
                Assert.Equal(256, png.Width);
                Assert.Equal(256, png.Height);
                for (int y = 0; y < 256; y += 2)
                {
                    for (int x = 0; x < 256; x += 2)
                    {
                        colours.Add(png.GetPixel(x, y) with { A = 255 });
                    }
                }
            }
        }

        Assert.True(ContainsNear(colours, new Rgba(0xf2, 0xef, 0xe9)), "land #f2efe9 missing");
        Assert.True(ContainsNear(colours, new Rgba(0xfc, 0xd6, 0xa4)), "primary road #fcd6a4 missing");
        Assert.True(ContainsNear(colours, new Rgba(0xf7, 0xfa, 0xbf)), "secondary road #f7fabf missing");
        Assert.True(ContainsNear(colours, new Rgba(0xad, 0xd1, 0x9e)), "forest #add19e missing");
    }

    // png256 quantisation may shift a channel by a few levels.
    private static bool ContainsNear(HashSet<Rgba> colours, Rgba wanted)
    {
        foreach (var c in colours)
        {
            if (Math.Abs(c.R - wanted.R) <= 3 && Math.Abs(c.G - wanted.G) <= 3 && Math.Abs(c.B - wanted.B) <= 3)
            {
                return true;
            }
        }

        return false;
    }
}
