using System.Globalization;
using System.Xml.Linq;

namespace TileCluster.Storage.Tests.Outputs;

/// <summary>
/// Turns a <c>tilemapresource.xml</c> next to its tree into a GDAL_WMS TMS description, the way a
/// client would: the URL from the deepest TileSet's href, the world window from the Origin, the
/// deepest units-per-pixel and order, and the tile size, SRS and extension from the file.
/// </summary>
internal static class GdalWms
{
    public static string FromTileMapResource(string path)
    {
        var map = XDocument.Load(path).Root!;
        var origin = map.Element("Origin")!;
        var format = map.Element("TileFormat")!;
        var deepest = map.Element("TileSets")!.Elements("TileSet").MaxBy(t => (int)t.Attribute("order")!)!;
        int level = (int)deepest.Attribute("order")!;
        int tileWidth = (int)format.Attribute("width")!;
        double originX = (double)origin.Attribute("x")!;
        double originY = (double)origin.Attribute("y")!;
        double world = (double)deepest.Attribute("units-per-pixel")! * tileWidth * (1 << level);
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string href = (string)deepest.Attribute("href")!;
        Assert.Equal(level.ToString(CultureInfo.InvariantCulture), href);

        var wms = new XElement(
            "GDAL_WMS",
            new XElement(
                "Service",
                new XAttribute("name", "TMS"),
                new XElement("ServerUrl", $"file://{directory}/${{z}}/${{x}}/${{y}}.{(string)format.Attribute("extension")!}")),
            new XElement(
                "DataWindow",
                new XElement("UpperLeftX", originX),
                new XElement("UpperLeftY", originY + world),
                new XElement("LowerRightX", originX + world),
                new XElement("LowerRightY", originY),
                new XElement("TileLevel", level),
                new XElement("TileCountX", 1),
                new XElement("TileCountY", 1),
                new XElement("YOrigin", "bottom")),
            new XElement("Projection", map.Element("SRS")!.Value),
            new XElement("BlockSizeX", tileWidth),
            new XElement("BlockSizeY", (int)format.Attribute("height")!),
            new XElement("BandsCount", 4));
        return wms.ToString();
    }
}
