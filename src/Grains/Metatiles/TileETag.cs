using System.Security.Cryptography;

namespace TileCluster.Grains.Metatiles;

/// <summary>
/// Strong ETags from tile content, so a re-render that produces the same bytes keeps its ETag
/// (clients and CDNs keep their copies) and any change of bytes changes it.
/// </summary>
internal static class TileETag
{
    public static string Compute(ReadOnlySpan<byte> tile)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(tile, hash);
        return $"\"{Convert.ToHexStringLower(hash[..12])}\"";
    }
}
