using NetTopologySuite.IO.VectorTiles.Mapbox;
using Npgsql;
using TileCluster.Grains.Abstractions.Tiles;
using TileCluster.Rendering.Styles;
using TileCluster.Rendering.Tests.Styles;
using TileCluster.Rendering.VectorTiles;
using NtsTile = NetTopologySuite.IO.VectorTiles.Tiles.Tile;

namespace TileCluster.Rendering.Tests.VectorTiles;

/// <summary>
/// Vector tiles built from the style's layer queries against the test PostGIS, read back with an
/// independent decoder (NetTopologySuite's Mapbox reader), which also turns them into WGS84.
/// </summary>
public sealed class VectorTileBuilderTests
{
    private const string ConnectionVariable = "TILECLUSTER_TEST_CONNECTION";

    // Vaduz centre (9.5228 E, 47.1393 N) at z14 is tile 8625/5753, in the metatile at 8624/5752.
    private static readonly MetatileCoord Vaduz14 = MetatileCoord.Containing(TileCoord.Create(14, 8625, 5753));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Build_VaduzZ14_EveryTileDecodes_WithTheStyleLayersAndTheirColumns_InsideItsBounds()
    {
        using var dataSource = NpgsqlDataSource.Create(Connection());
        using var connection = dataSource.OpenConnection();
        var style = Style();

        var metatile = new VectorTileBuilder(style, null, VectorEncoding.Mvt).Build(connection, Vaduz14, Cancel);

        Assert.Equal(8, metatile.TilesPerSide);
        var centre = Decode(metatile.Get(1, 1), 14, 8625, 5753);
        var names = centre.Layers.Select(l => l.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "landcover", "buildings", "roads", "road-labels" }, names);
        Assert.All(names, n => Assert.Contains(style.Layers, l => l.Name == n));

        var roads = centre.Layers.Single(l => l.Name == "roads");
        Assert.All(roads.Features, f => Assert.Contains("highway", f.Attributes.GetNames()));
        Assert.Contains(roads.Features, f => (string)f.Attributes["highway"] is "primary" or "secondary");
        var labels = centre.Layers.Single(l => l.Name == "road-labels");
        Assert.Contains(labels.Features, f => f.Attributes.GetNames().Contains("name") && f.Attributes["name"] is string { Length: > 0 });

        // Everything lies within the tile and its buffer of 64/4096 of a tile on each side.
        var bounds = TileBounds(14, 8625, 5753, VectorQueryBuilder.Buffer / (double)VectorQueryBuilder.Extent);
        foreach (var layer in centre.Layers)
        {
            foreach (var feature in layer.Features)
            {
                var envelope = feature.Geometry.EnvelopeInternal;
                Assert.True(bounds.Contains(envelope), $"{layer.Name} feature {envelope} outside {bounds}");
            }
        }
    }

    [Fact]
    public void Build_NeighbouringTiles_EveryNamedStreetCrossingTheirEdgeIsInBoth()
    {
        using var dataSource = NpgsqlDataSource.Create(Connection());
        using var connection = dataSource.OpenConnection();

        var metatile = new VectorTileBuilder(Style(), ["highway", "name"], VectorEncoding.Mvt).Build(connection, Vaduz14, Cancel);

        int crossings = 0;
        for (int dx = 0; dx < 7; dx++)
        {
            for (int dy = 0; dy < 8; dy++)
            {
                int x = Vaduz14.X + dx, y = Vaduz14.Y + dy;
                double edge = WebMercator.Longitude(WebMercator.ColumnEdgeX(14, x + 1));
                var west = Names(Decode(metatile.Get(dx, dy), 14, x, y), f => f.Geometry.EnvelopeInternal.MaxX > edge);
                var east = Names(Decode(metatile.Get(dx + 1, dy), 14, x + 1, y), f => f.Geometry.EnvelopeInternal.MinX < edge);
                Assert.True(west.SetEquals(east), $"tiles {x}/{y} and {x + 1}/{y}: [{string.Join(", ", west)}] against [{string.Join(", ", east)}]");
                crossings += west.Count;
            }
        }

        Assert.True(crossings > 0, "no named street crosses a tile edge in the Vaduz metatile");
    }

    [Fact]
    public void Build_WithAPropertyWhitelist_CarriesOnlyThoseColumns()
    {
        using var dataSource = NpgsqlDataSource.Create(Connection());
        using var connection = dataSource.OpenConnection();

        var metatile = new VectorTileBuilder(Style(), ["name"], VectorEncoding.Mvt).Build(connection, Vaduz14, Cancel);

        var tile = Decode(metatile.Get(1, 1), 14, 8625, 5753);
        Assert.NotEmpty(tile.Layers);
        Assert.All(tile.Layers.SelectMany(l => l.Features), f => Assert.All(f.Attributes.GetNames(), n => Assert.Equal("name", n)));
        Assert.Contains(tile.Layers.SelectMany(l => l.Features), f => f.Attributes.Count == 1);
    }

    [Fact]
    public void Build_OpenSeaTileAtZ14_IsEmpty_AndTheWorldAtZ0_IsOneTileWithTheCountry()
    {
        using var dataSource = NpgsqlDataSource.Create(Connection());
        using var connection = dataSource.OpenConnection();
        var builder = new VectorTileBuilder(Style(), null, VectorEncoding.Mvt);

        var sea = builder.Build(connection, MetatileCoord.Containing(TileCoord.Create(14, 0, 8000)), Cancel);
        var world = builder.Build(connection, MetatileCoord.Containing(TileCoord.Create(0, 0, 0)), Cancel);

        Assert.All(Enumerable.Range(0, 64), i => Assert.Empty(sea.Get(i / 8, i % 8)));
        Assert.Equal(1, world.TilesPerSide);
        var layers = Decode(world.Get(0, 0), 0, 0, 0).Layers;
        var boundaries = Assert.Single(layers, l => l.Name == "boundaries");
        var extent = boundaries.Features.Select(f => f.Geometry.EnvelopeInternal).Aggregate((a, b) => { var e = new NetTopologySuite.Geometries.Envelope(a); e.ExpandToInclude(b); return e; });
        Assert.InRange(extent.Centre.X, 9.0, 10.0);
        Assert.InRange(extent.Centre.Y, 46.5, 47.5);
    }

    [Theory]
    [InlineData("Clipped", 0.0, false)]
    [InlineData("Padded", 64.0 / 4096, false)]
    [InlineData("Unclipped", 0.0, true)]
    public void Build_GeoJson_AFeatureCollectionPerTile_CutAsAsked_WithTheLayerNameAndPrecision(string cut, double margin, bool reachesBeyond)
    {
        var clipping = Enum.Parse<GeoJsonClipping>(cut);
        using var dataSource = NpgsqlDataSource.Create(Connection());
        using var connection = dataSource.OpenConnection();

        var metatile = new VectorTileBuilder(Style(), ["highway", "name"], VectorEncoding.GeoJsonWith(5, clipping)).Build(connection, Vaduz14, Cancel);

        using var json = System.Text.Json.JsonDocument.Parse(metatile.Get(1, 1));
        var root = json.RootElement;
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        var features = root.GetProperty("features").EnumerateArray().ToArray();
        Assert.Contains(features, f => f.GetProperty("properties").GetProperty("layer").GetString() == "roads");
        Assert.All(features, f => Assert.All(f.GetProperty("properties").EnumerateObject(), p => Assert.Contains(p.Name, new[] { "layer", "highway", "name" })));

        // Coordinates rounded to 5 decimals may land up to 0.000005° outside the cut.
        var bounds = TileBounds(14, 8625, 5753, margin);
        bounds.ExpandBy(0.00001);
        var coordinates = features.SelectMany(f => Coordinates(f.GetProperty("geometry").GetProperty("coordinates"))).ToArray();
        Assert.All(coordinates, c => Assert.True(Math.Round(c.X, 5) == c.X && Math.Round(c.Y, 5) == c.Y, $"{c} has more than 5 decimals"));
        bool beyond = coordinates.Any(c => !bounds.Contains(c));
        Assert.Equal(reachesBeyond, beyond);
    }

    private static IEnumerable<NetTopologySuite.Geometries.Coordinate> Coordinates(System.Text.Json.JsonElement element) =>
        element[0].ValueKind == System.Text.Json.JsonValueKind.Number
            ? [new NetTopologySuite.Geometries.Coordinate(element[0].GetDouble(), element[1].GetDouble())]
            : element.EnumerateArray().SelectMany(Coordinates);

    private static HashSet<string> Names(NetTopologySuite.IO.VectorTiles.VectorTile tile, Func<NetTopologySuite.Features.IFeature, bool> where) =>
        [.. tile.Layers.Where(l => l.Name == "road-labels").SelectMany(l => l.Features).Where(where).Select(f => (string)f.Attributes["name"])];

    private static NetTopologySuite.IO.VectorTiles.VectorTile Decode(byte[] bytes, int z, int x, int y)
    {
        using var stream = new MemoryStream(bytes);
        return new MapboxTileReader().Read(stream, new NtsTile(x, y, z));
    }

    private static NetTopologySuite.Geometries.Envelope TileBounds(int z, int x, int y, double margin)
    {
        double west = WebMercator.ColumnEdgeX(z, x), east = WebMercator.ColumnEdgeX(z, x + 1);
        double north = WebMercator.RowEdgeY(z, y), south = WebMercator.RowEdgeY(z, y + 1);
        double pad = (east - west) * margin * 1.01;
        return new NetTopologySuite.Geometries.Envelope(
            WebMercator.Longitude(west - pad), WebMercator.Longitude(east + pad),
            WebMercator.Latitude(south - pad), WebMercator.Latitude(north + pad));
    }

    private static MapStyle Style() => StyleLoader.Load(Path.Combine(StyleLoaderTests.RepoRoot(), "styles", "osm.yaml"));

    private static string Connection() => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{ConnectionVariable} is not set: point it at the osm2pgsql Liechtenstein database");
}
