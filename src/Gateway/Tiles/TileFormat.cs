using System.IO.Compression;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Gateway.Tiles;

/// <summary>What a layer's tiles are on the wire: the file extensions it answers to, the media type, and whether they are worth compressing.</summary>
/// <param name="Extensions">Extensions without the dot, the canonical one first.</param>
/// <param name="ContentType">The media type of the tiles.</param>
/// <param name="IsVector">Vector tiles: no <c>@2x</c>, and gzip for clients that accept it (PNG is compressed already).</param>
/// <param name="IsGrid">UTFGrid JSON: no <c>@2x</c>, gzip like vector tiles, and JSONP with <c>?callback=</c>.</param>
internal sealed record TileFormat(IReadOnlyList<string> Extensions, string ContentType, bool IsVector, bool IsGrid = false)
{
    /// <summary>Raster tiles of a style.</summary>
    public static readonly TileFormat Png = new(LayerProviderOptions.PngExtensions, "image/png", false);

    /// <summary>JPEG tiles of a style or pass-through layer.</summary>
    public static readonly TileFormat Jpeg = new(LayerProviderOptions.JpegExtensions, "image/jpeg", false);

    /// <summary>WebP tiles of a style or pass-through layer.</summary>
    public static readonly TileFormat WebP = new(LayerProviderOptions.WebPExtensions, "image/webp", false);

    /// <summary>UTFGrid interactivity grids.</summary>
    public static readonly TileFormat UtfGrid = new(LayerProviderOptions.UtfGridExtensions, "application/json", false, IsGrid: true);

    /// <summary>Mapbox Vector Tiles.</summary>
    public static readonly TileFormat Mvt = new(LayerProviderOptions.MvtExtensions, "application/vnd.mapbox-vector-tile", true);

    /// <summary>GeoJSON FeatureCollections.</summary>
    public static readonly TileFormat GeoJson = new(LayerProviderOptions.GeoJsonExtensions, "application/geo+json", true);

    /// <summary>Whether the tiles have a pixel size, so <c>@2x</c> exists.</summary>
    public bool IsImage => !IsVector && !IsGrid;

    /// <summary>Whether the tiles are worth gzipping for clients that accept it.</summary>
    public bool Compresses => IsVector || IsGrid;

    /// <summary>The canonical extension.</summary>
    public string Extension => Extensions[0];

    /// <summary>The extensions as a reader sees them in errors: <c>'.mvt' or '.pbf'</c>.</summary>
    public string Listing => string.Join(" or ", Extensions.Select(e => $"'.{e}'"));

    /// <summary>The format of <paramref name="layer"/>'s tiles.</summary>
    public static TileFormat Of(LayerOptions layer) => layer.Provider.TileExtensions[0] switch
    {
        "mvt" => Mvt,
        "geojson" => GeoJson,
        "grid.json" => UtfGrid,
        "jpg" => Jpeg,
        "webp" => WebP,
        _ => Png,
    };

    /// <summary>Gzips a vector tile or grid for a client that accepts it.</summary>
    public static byte[] Gzip(byte[] tile)
    {
        using var output = new MemoryStream(tile.Length / 2 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tile);
        }

        return output.ToArray();
    }
}
