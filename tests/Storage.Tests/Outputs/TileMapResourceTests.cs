using System.Xml.Linq;
using TileCluster.Storage.Outputs;

namespace TileCluster.Storage.Tests.Outputs;

public sealed class TileMapResourceTests : IDisposable
{
    private readonly string _outputs = Scratch.NewDirectory("tms");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static TileMapResourceInfo Liechtenstein => new(
        "Liechtenstein", LiechtensteinTree.West, LiechtensteinTree.South, LiechtensteinTree.East, LiechtensteinTree.North,
        LiechtensteinTree.MinZoom, LiechtensteinTree.MaxZoom);

    public void Dispose() => Directory.Delete(_outputs, recursive: true);

    [Fact]
    public async Task WriteAsync_FollowsTms100GlobalMercator()
    {
        var map = await WriteAndLoadAsync(Liechtenstein);

        Assert.Equal("TileMap", map.Name.LocalName);
        Assert.Equal("1.0.0", (string?)map.Attribute("version"));
        Assert.Equal("http://tms.osgeo.org/1.0.0", (string?)map.Attribute("tilemapservice"));
        Assert.Equal("Liechtenstein", map.Element("Title")!.Value);
        Assert.NotNull(map.Element("Abstract"));
        Assert.Equal("EPSG:3857", map.Element("SRS")!.Value);

        // BoundingBox in metres: x = λ·R, y = R·ln tan(π/4 + φ/2).
        var box = map.Element("BoundingBox")!;
        Assert.Equal(9.47 * Math.PI / 180 * 6378137, (double)box.Attribute("minx")!, 6);
        Assert.Equal(9.64 * Math.PI / 180 * 6378137, (double)box.Attribute("maxx")!, 6);
        Assert.Equal(6378137 * Math.Log(Math.Tan((Math.PI / 4) + (47.04 * Math.PI / 360))), (double)box.Attribute("miny")!, 6);
        Assert.Equal(6378137 * Math.Log(Math.Tan((Math.PI / 4) + (47.28 * Math.PI / 360))), (double)box.Attribute("maxy")!, 6);

        var origin = map.Element("Origin")!;
        Assert.Equal(-20037508.34, (double)origin.Attribute("x")!, 2);
        Assert.Equal(-20037508.34, (double)origin.Attribute("y")!, 2);

        var format = map.Element("TileFormat")!;
        Assert.Equal("256", (string?)format.Attribute("width"));
        Assert.Equal("256", (string?)format.Attribute("height"));
        Assert.Equal("image/png", (string?)format.Attribute("mime-type"));
        Assert.Equal("png", (string?)format.Attribute("extension"));

        var tileSets = map.Element("TileSets")!;
        Assert.Equal("global-mercator", (string?)tileSets.Attribute("profile"));
        Assert.Equal(
            new[] { "10", "11", "12", "13" },
            tileSets.Elements("TileSet").Select(t => (string)t.Attribute("order")!));
        Assert.All(tileSets.Elements("TileSet"), t => Assert.Equal((string?)t.Attribute("order"), (string?)t.Attribute("href")));
    }

    // units-per-pixel = 2π·6378137 / (256 · 2^z).
    [Theory]
    [InlineData(0, 156543.03392804097)]
    [InlineData(1, 78271.51696402048)]
    [InlineData(10, 152.8740565703525)]
    [InlineData(13, 19.109257071294063)]
    [InlineData(18, 0.5971642834779395)]
    [InlineData(24, 0.009330691929342804)]
    public async Task WriteAsync_UnitsPerPixel_HalvesPerZoom(int zoom, double expected)
    {
        var map = await WriteAndLoadAsync(Liechtenstein with { MinZoom = zoom, MaxZoom = zoom });
        var tileSet = Assert.Single(map.Element("TileSets")!.Elements("TileSet"));
        Assert.Equal(expected, (double)tileSet.Attribute("units-per-pixel")!, 9);
    }

    [Fact]
    public async Task WriteAsync_Jpeg_NamesItsMimeType()
    {
        var map = await WriteAndLoadAsync(Liechtenstein with { Extension = "jpg" });
        Assert.Equal("image/jpeg", (string?)map.Element("TileFormat")!.Attribute("mime-type"));
        Assert.Equal("jpg", (string?)map.Element("TileFormat")!.Attribute("extension"));
    }

    [Fact]
    public async Task WriteAsync_Existing_IsReplacedAndNoPartialRemains()
    {
        string path = Path.Combine(_outputs, "tilemapresource.xml");
        await File.WriteAllTextAsync(path, "<old/>", Cancel);
        await File.WriteAllTextAsync(path + ".partial", "<crashed", Cancel);

        await TileMapResource.WriteAsync(path, Liechtenstein, Cancel);

        Assert.Equal("TileMap", XDocument.Load(path).Root!.Name.LocalName);
        Assert.False(File.Exists(path + ".partial"));
    }

    [Theory]
    [InlineData(" ", 9.47, 47.04, 9.64, 47.28, 10, 13, "png", "Title")]
    [InlineData("x", 9.47, 47.04, 9.47, 47.28, 10, 13, "png", "West")]
    [InlineData("x", 9.47, 47.04, 9.64, 47.04, 10, 13, "png", "South")]
    [InlineData("x", 9.47, -86, 9.64, 47.28, 10, 13, "png", "South")]
    [InlineData("x", 9.47, 47.04, 181, 47.28, 10, 13, "png", "East")]
    [InlineData("x", double.NaN, 47.04, 9.64, 47.28, 10, 13, "png", "West")]
    [InlineData("x", 9.47, 47.04, 9.64, 47.28, 14, 13, "png", "MinZoom..MaxZoom")]
    [InlineData("x", 9.47, 47.04, 9.64, 47.28, 10, 13, "webp", "Extension")]
    public async Task WriteAsync_BadInfo_NamesTheFieldAndWritesNothing(
        string title, double west, double south, double east, double north, int minZoom, int maxZoom, string extension, string field)
    {
        var info = new TileMapResourceInfo(title, west, south, east, north, minZoom, maxZoom, extension);
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            TileMapResource.WriteAsync(Path.Combine(_outputs, "tilemapresource.xml"), info, Cancel));
        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outputs));
    }

    private async Task<XElement> WriteAndLoadAsync(TileMapResourceInfo info)
    {
        string path = Path.Combine(_outputs, "tilemapresource.xml");
        await TileMapResource.WriteAsync(path, info, Cancel);
        return XDocument.Load(path).Root!;
    }
}
