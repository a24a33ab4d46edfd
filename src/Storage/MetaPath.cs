using System.Globalization;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage;

/// <summary>
/// mod_tile's hashed path of a metatile: <c>{root}/{style}/{z}/{h4}/{h3}/{h2}/{h1}/{h0}.meta</c>,
/// where each hash byte packs 4 bits of x (high nibble) and 4 bits of y (low nibble).
/// </summary>
internal static class MetaPath
{
    /// <summary>The file path relative to the store root, with '/' separators.</summary>
    public static string Relative(string storageName, MetatileCoord metatile)
    {
        Span<byte> hash = stackalloc byte[5];
        int x = metatile.X;
        int y = metatile.Y;
        for (int i = 0; i < 5; i++)
        {
            hash[i] = (byte)(((x & 0x0f) << 4) | (y & 0x0f));
            x >>= 4;
            y >>= 4;
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{storageName}/{metatile.Z}/{hash[4]}/{hash[3]}/{hash[2]}/{hash[1]}/{hash[0]}.meta");
    }
}
