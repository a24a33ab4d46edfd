using System.Globalization;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage.Caches;

/// <summary>A cached tile's key: a struct, never a formatted string, until a shared tier needs one.</summary>
public readonly record struct TileCacheKey(string Style, int Scale, TileCoord Tile)
{
    /// <summary>
    /// The key a shared tier stores the tile under: <c>{style}/{scale}/{z}/{mx}/{my}/{dx}/{dy}</c>,
    /// its metatile's <see cref="MetatilePrefix"/> then the tile's place in it, so that all tiles of
    /// a metatile share a prefix (Redis finds them by it on expiry).
    /// </summary>
    public string SharedId()
    {
        var metatile = MetatileCoord.Containing(Tile);
        return string.Create(CultureInfo.InvariantCulture, $"{MetatilePrefix(Style, Scale, metatile)}{Tile.X - metatile.X}/{Tile.Y - metatile.Y}");
    }

    /// <summary>The shared-tier key prefix of every tile of <paramref name="metatile"/>: <c>{style}/{scale}/{z}/{mx}/{my}/</c>.</summary>
    public static string MetatilePrefix(string style, int scale, MetatileCoord metatile) =>
        string.Create(CultureInfo.InvariantCulture, $"{style}/{scale}/{metatile.Z}/{metatile.X}/{metatile.Y}/");
}
