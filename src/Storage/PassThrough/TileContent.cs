using System.IO.Compression;
using TileCluster.Grains.Abstractions.Configuration;

namespace TileCluster.Storage.PassThrough;

/// <summary>
/// Checks that bytes from a source are a tile of the layer's format, so an error page, a login
/// form or a truncated body is never served or kept as a tile.
/// </summary>
internal static class TileContent
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Whether <paramref name="bytes"/> are a tile of <paramref name="format"/> (a pass-through
    /// format): image signatures for png, jpeg and webp; an object for geojson; for mvt, which has
    /// no signature (an empty tile is valid), anything that is not declared as text or HTML.
    /// </summary>
    public static bool Matches(string format, ReadOnlySpan<byte> bytes, string? contentType)
    {
        if (contentType is not null && (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || contentType.Contains("html", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return format switch
        {
            "png" => bytes.StartsWith(PngSignature),
            LayerProviderOptions.JpegFormat => bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF,
            "webp" => bytes.Length > 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8),
            "geojson" => bytes.TrimStart(" \t\r\n"u8).StartsWith("{"u8),
            _ => true,
        };
    }

    /// <summary>
    /// Vector tiles are often kept gzipped (MBTiles from tippecanoe, servers that skip
    /// <c>Content-Encoding</c>); they are passed on plain, since the gateway gzips for clients itself.
    /// </summary>
    public static byte[] Plain(string format, byte[] bytes)
    {
        if (format is not ("mvt" or "geojson") || bytes.Length < 2 || bytes[0] != 0x1F || bytes[1] != 0x8B)
        {
            return bytes;
        }

        using var input = new MemoryStream(bytes);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(bytes.Length * 4);
        gzip.CopyTo(output);
        return output.ToArray();
    }
}
