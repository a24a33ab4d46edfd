using TileCluster.Gateway.Tiles;

namespace TileCluster.Gateway.Tests.Tiles;

public sealed class TileRequestTests
{
    [Theory]
    [InlineData("0", "0", "0.png", 0, 0, 0, 1)]
    [InlineData("14", "8619", "5767.png", 14, 8619, 5767, 1)]
    [InlineData("14", "8619", "5767@2x.png", 14, 8619, 5767, 2)]
    [InlineData("3", "007", "05.png", 3, 7, 5, 1)]
    public void TryParse_Valid_Parses(string z, string x, string file, int ez, int ex, int ey, int scale)
    {
        Assert.True(TileRequest.TryParse("osm", z, x, file, tms: false, TileFormat.Png, out var request, out var error), error);
        Assert.Equal((ez, ex, ey, scale), (request.Tile.Z, request.Tile.X, request.Tile.Y, request.Scale));
    }

    [Theory]
    [InlineData("-1", "0", "0.png", "z -1 is negative")]
    [InlineData("a", "0", "0.png", "z 'a' is not a whole number")]
    [InlineData("25", "0", "0.png", "zoom 25 is outside")]
    [InlineData("3", "8", "0.png", "x 8 is outside 0..7")]
    [InlineData("3", "0", "8.png", "y 8 is outside 0..7")]
    [InlineData("3", "-2", "0.png", "x -2 is negative")]
    [InlineData("3", "0", "-1.png", "y -1 is negative")]
    [InlineData("3", "1.5", "0.png", "x '1.5' is not a whole number")]
    [InlineData("3", "0", "0.jpg", "extension '.jpg' is not supported")]
    [InlineData("3", "0", "0", "has no extension")]
    [InlineData("3", "0", ".png", "y is empty")]
    [InlineData("3", "0", "0@3x.png", "y '0@3x' is not a whole number")]
    [InlineData("3", "0", "0.PNG", "extension '.PNG' is not supported")]
    [InlineData("3", "99999999999", "0.png", "x '99999999999' is too long")]
    [InlineData("", "0", "0.png", "z is empty")]
    public void TryParse_Invalid_NamesTheProblem(string z, string x, string file, string expected)
    {
        Assert.False(TileRequest.TryParse("osm", z, x, file, tms: false, TileFormat.Png, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("mvt", "14", "8619", "5767.mvt", null)]
    [InlineData("mvt", "14", "8619", "5767.pbf", null)]
    [InlineData("mvt", "14", "8619", "5767.png", "extension '.png' is not supported; tiles of this layer are '.mvt' or '.pbf'")]
    [InlineData("mvt", "14", "8619", "5767.geojson", "extension '.geojson' is not supported; tiles of this layer are '.mvt' or '.pbf'")]
    [InlineData("mvt", "14", "8619", "5767@2x.mvt", "there are no '@2x' vector tiles")]
    [InlineData("mvt", "14", "8619", "5767", "has no extension; tiles of this layer are '{y}.mvt'")]
    [InlineData("geojson", "14", "8619", "5767.geojson", null)]
    [InlineData("geojson", "14", "8619", "5767.json", null)]
    [InlineData("geojson", "14", "8619", "5767.mvt", "extension '.mvt' is not supported; tiles of this layer are '.geojson' or '.json'")]
    [InlineData("png", "14", "8619", "5767.mvt", "extension '.mvt' is not supported; tiles of this layer are '.png'")]
    [InlineData("jpeg", "14", "8619", "5767.jpg", null)]
    [InlineData("jpeg", "14", "8619", "5767.jpeg", null)]
    [InlineData("jpeg", "14", "8619", "5767.png", "extension '.png' is not supported; tiles of this layer are '.jpg' or '.jpeg'")]
    [InlineData("webp", "14", "8619", "5767.webp", null)]
    [InlineData("webp", "14", "8619", "5767.jpg", "extension '.jpg' is not supported; tiles of this layer are '.webp'")]
    [InlineData("grid", "14", "8619", "5767.grid.json", null)]
    [InlineData("grid", "14", "8619", "5767.json", null)]
    [InlineData("grid", "14", "8619", "5767@2x.grid.json", "there are no '@2x' grids")]
    [InlineData("grid", "14", "8619", "5767.grid.png", "extension '.png' is not supported; tiles of this layer are '.grid.json' or '.json'")]
    [InlineData("grid", "14", "8619", "5767.foo.json", "y '5767.foo' is not a whole number")]
    [InlineData("grid", "14", "8619", "5767", "has no extension; tiles of this layer are '{y}.grid.json'")]
    public void TryParse_PerFormat_AcceptsItsExtensionsOnly(string format, string z, string x, string file, string? expected)
    {
        var tileFormat = format switch
        {
            "mvt" => TileFormat.Mvt,
            "geojson" => TileFormat.GeoJson,
            "jpeg" => TileFormat.Jpeg,
            "webp" => TileFormat.WebP,
            "grid" => TileFormat.UtfGrid,
            _ => TileFormat.Png,
        };

        bool parsed = TileRequest.TryParse("layer", z, x, file, tms: false, tileFormat, out var request, out var error);

        Assert.Equal(expected is null, parsed);
        if (expected is null)
        {
            Assert.Equal((14, 8619, 5767, 1), (request.Tile.Z, request.Tile.X, request.Tile.Y, request.Scale));
        }
        else
        {
            Assert.Contains(expected, error);
        }
    }

    [Fact]
    public void MetatileKey_GroupsTilesOfOneMetatile()
    {
        Assert.True(TileRequest.TryParse("osm", "14", "8619", "5767.png", tms: false, TileFormat.Png, out var a, out _));
        Assert.True(TileRequest.TryParse("osm", "14", "8616", "5760.png", tms: false, TileFormat.Png, out var b, out _));
        Assert.True(TileRequest.TryParse("osm", "14", "8616", "5760@2x.png", tms: false, TileFormat.Png, out var c, out _));
        Assert.Equal(a.MetatileKey, b.MetatileKey);
        Assert.NotEqual(a.MetatileKey, c.MetatileKey);
    }
}
