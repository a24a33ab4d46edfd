using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.Outputs;

/// <summary>
/// Writes an OSGeo TMS 1.0.0 <c>tilemapresource.xml</c> for the global-mercator profile
/// (EPSG:3857, 256 px tiles, origin at the world's south-west corner), as gdal2tiles does.
/// </summary>
public static class TileMapResource
{
    /// <summary>The file name clients look for next to the zoom directories.</summary>
    public const string FileName = "tilemapresource.xml";

    /// <summary>
    /// Writes the description of <paramref name="info"/> to <paramref name="destinationPath"/>,
    /// through <c>{destinationPath}.partial</c> and a rename.
    /// </summary>
    /// <exception cref="ArgumentException">A field of <paramref name="info"/> is out of range; the message names it.</exception>
    public static Task WriteAsync(string destinationPath, TileMapResourceInfo info, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.ThrowIfInvalid();
        return PartialFile.WriteAsync(
            destinationPath,
            async (partial, ct) =>
            {
                await using var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
                await WriteToAsync(file, info, ct);
                file.Flush(flushToDisk: true);
            },
            cancellationToken);
    }

    /// <summary>Writes the XML of <paramref name="info"/> (not validated) to <paramref name="stream"/>.</summary>
    internal static async Task WriteToAsync(Stream stream, TileMapResourceInfo info, CancellationToken cancellationToken)
    {
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) };
        await using var writer = XmlWriter.Create(stream, settings);
        await Build(info).SaveAsync(writer, cancellationToken);
    }

    private static XDocument Build(TileMapResourceInfo info)
    {
        var tileSets = new XElement("TileSets", new XAttribute("profile", "global-mercator"));
        for (int z = info.MinZoom; z <= info.MaxZoom; z++)
        {
            tileSets.Add(new XElement(
                "TileSet",
                new XAttribute("href", z.ToString(CultureInfo.InvariantCulture)),
                new XAttribute("units-per-pixel", WebMercator.MetresPerPixel(z)),
                new XAttribute("order", z)));
        }

        // GDAL recognises the file by the literal text <TileMap version="1.0.0", so version comes first.
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                "TileMap",
                new XAttribute("version", "1.0.0"),
                new XAttribute("tilemapservice", "http://tms.osgeo.org/1.0.0"),
                new XElement("Title", info.Title),
                new XElement("Abstract", string.Empty),
                new XElement("SRS", "EPSG:3857"),
                new XElement(
                    "BoundingBox",
                    new XAttribute("minx", WebMercator.X(info.West)),
                    new XAttribute("miny", WebMercator.Y(info.South)),
                    new XAttribute("maxx", WebMercator.X(info.East)),
                    new XAttribute("maxy", WebMercator.Y(info.North))),
                new XElement("Origin", new XAttribute("x", -WebMercator.HalfWorld), new XAttribute("y", -WebMercator.HalfWorld)),
                new XElement(
                    "TileFormat",
                    new XAttribute("width", WebMercator.TileSizePx),
                    new XAttribute("height", WebMercator.TileSizePx),
                    new XAttribute("mime-type", info.MimeType),
                    new XAttribute("extension", info.Extension)),
                tileSets));
    }
}
