using System.Text.Json;
using Npgsql;
using TileCluster.Grains.Abstractions.Configuration;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Styles;
using TileCluster.Rendering.Tests.Styles;
using TileCluster.Rendering.UtfGrid;

namespace TileCluster.Rendering.Tests.UtfGrid;

/// <summary>UTFGrids built from the style's layer queries against the test PostGIS (Liechtenstein).</summary>
public sealed class UtfGridBuilderTests
{
    private const string ConnectionVariable = "TILECLUSTER_TEST_CONNECTION";

    // Vaduz centre (9.5228 E, 47.1393 N) at z16 is tile 34501/23013.
    private static readonly TileCoord Vaduz16 = TileCoord.Create(16, 34501, 23013);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Build_VaduzZ16_GridIs64RowsOf64CodePoints_KeysDecode_DataCarriesTheFields()
    {
        var layer = Layer(resolution: 4, ["name", "building", "highway"]);

        var grid = Parse(Build(layer, Vaduz16));

        Assert.Equal(64, grid.Rows.Length);
        Assert.All(grid.Rows, row => Assert.Equal(64, row.EnumerateRunes().Count()));
        Assert.Equal(string.Empty, grid.Keys[0]);
        var used = grid.Rows.SelectMany(r => r.EnumerateRunes()).Select(r => UtfGridWriter.Decode(r.Value)).ToHashSet();
        Assert.All(used, index => Assert.InRange(index, 0, grid.Keys.Length - 1));
        Assert.Equal(grid.Keys.Length, used.Count);
        Assert.All(grid.Keys.Skip(1), key => Assert.True(long.TryParse(key, out _), $"key '{key}' is not an OSM id"));

        // Vaduz centre has buildings and named roads.
        var rows = grid.Keys.Skip(1).Select(k => grid.Data.GetProperty(k)).ToArray();
        Assert.Contains(rows, r => r.TryGetProperty("building", out _));
        Assert.Contains(rows, r => r.TryGetProperty("highway", out _) && r.TryGetProperty("name", out var name) && name.GetString()!.Length > 0);
        Assert.All(rows, r => Assert.All(r.EnumerateObject(), p => Assert.Contains(p.Name, new[] { "name", "building", "highway" })));
    }

    [Theory]
    [InlineData(2, 128)]
    [InlineData(8, 32)]
    public void Build_Resolution_SetsTheGridSize(int resolution, int side)
    {
        var grid = Parse(Build(Layer(resolution, ["name"]), Vaduz16));

        Assert.Equal(side, grid.Rows.Length);
        Assert.All(grid.Rows, row => Assert.Equal(side, row.EnumerateRunes().Count()));
    }

    [Fact]
    public void Build_OnlyTheListedStyleLayers_TakePart_AndRoadsDrawOverBuildings()
    {
        var buildings = Parse(Build(Layer(4, ["building", "highway"], "buildings"), Vaduz16));
        var both = Parse(Build(Layer(4, ["building", "highway"], "buildings", "roads"), Vaduz16));

        Assert.All(buildings.Keys.Skip(1), k => Assert.True(buildings.Data.GetProperty(k).TryGetProperty("building", out _)));
        Assert.Contains(both.Keys.Skip(1), k => both.Data.GetProperty(k).TryGetProperty("highway", out _));

        // Roads are drawn after buildings: a cell that is a road in both-layer grid shows the road,
        // and some cell that is a building alone is a road once roads take part.
        int covered = 0;
        for (int y = 0; y < 64; y++)
        {
            var alone = buildings.Rows[y].EnumerateRunes().ToArray();
            var stacked = both.Rows[y].EnumerateRunes().ToArray();
            for (int x = 0; x < 64; x++)
            {
                string under = buildings.Keys[UtfGridWriter.Decode(alone[x].Value)];
                string over = both.Keys[UtfGridWriter.Decode(stacked[x].Value)];
                if (under.Length > 0 && over.Length > 0 && both.Data.GetProperty(over).TryGetProperty("highway", out _))
                {
                    covered++;
                }
            }
        }

        Assert.True(covered > 0, "no road drawn over a building in Vaduz centre");
    }

    [Fact]
    public void Build_OneBuilder_AcrossZooms_SmallMetatilesOfLowZoomsToo_Gives64By64Grids()
    {
        using var dataSource = NpgsqlDataSource.Create(Connection());
        using var connection = dataSource.OpenConnection();
        using var builder = new UtfGridBuilder(Layer(4, ["name"]));

        // z1 (2 × 2 tiles: Liechtenstein is in tile 1/1/0), z16 (8 × 8), then z1 again.
        foreach (var tile in new[] { TileCoord.Create(1, 1, 0), Vaduz16, TileCoord.Create(1, 1, 0) })
        {
            var metatile = MetatileCoord.Containing(tile);
            var tiles = builder.Build(connection, new MetatileKey("grid", 1, metatile), Cancel);
            Assert.Equal(metatile.TilesPerSide, tiles.TilesPerSide);
            var grid = Parse(tiles.Get(tile.X - metatile.X, tile.Y - metatile.Y));
            Assert.Equal(64, grid.Rows.Length);
            Assert.All(grid.Rows, row => Assert.Equal(64, row.EnumerateRunes().Count()));
        }
    }

    [Fact]
    public void From_ALayerTheStyleLacks_StopsStartUpNamingIt()
    {
        var provider = new LayerProviderOptions { Kind = "utfgrid", Layers = ["roads", "shops"] };

        var error = Assert.Throws<ConfigurationException>(() => UtfGridLayer.From("grid", Style(), provider));

        Assert.StartsWith("Layers:grid:Provider:Layers: 'shops' is not a layer of style 'osm'; its layers: landcover,", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Build(UtfGridLayer layer, TileCoord tile)
    {
        using var dataSource = NpgsqlDataSource.Create(Connection());
        using var connection = dataSource.OpenConnection();
        using var builder = new UtfGridBuilder(layer);
        var metatile = MetatileCoord.Containing(tile);
        var tiles = builder.Build(connection, new MetatileKey("grid", 1, metatile), Cancel);
        Assert.Equal(8, tiles.TilesPerSide);
        return tiles.Get(tile.X - metatile.X, tile.Y - metatile.Y);
    }

    private static (string[] Rows, string[] Keys, JsonElement Data) Parse(byte[] json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return (
            [.. root.GetProperty("grid").EnumerateArray().Select(r => r.GetString()!)],
            [.. root.GetProperty("keys").EnumerateArray().Select(k => k.GetString()!)],
            root.GetProperty("data"));
    }

    private static UtfGridLayer Layer(int resolution, List<string> fields, params string[] layers) =>
        UtfGridLayer.From("grid", Style(), new LayerProviderOptions { Kind = "utfgrid", Resolution = resolution, Fields = fields, Layers = [.. layers] });

    private static MapStyle Style() => StyleLoader.Load(Path.Combine(StyleLoaderTests.RepoRoot(), "styles", "osm.yaml"));

    private static string Connection() => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{ConnectionVariable} is not set; run the tests through test.sh, which starts the test PostGIS");
}
