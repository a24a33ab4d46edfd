using System.Buffers.Binary;
using System.Text;

namespace TileCluster.Storage.Caches;

/// <summary>
/// How shared tiers store a <see cref="CachedTile"/> as one value: a version byte, Last-Modified
/// (Unix milliseconds, 8 bytes), the ETag's length (2 bytes) and UTF-8 text, then the tile.
/// </summary>
internal static class CachedTileCodec
{
    private const byte Version = 1;
    private const int HeaderBytes = 1 + 8 + 2;

    public static byte[] Encode(CachedTile tile)
    {
        int etagBytes = Encoding.UTF8.GetByteCount(tile.ETag);
        var value = new byte[HeaderBytes + etagBytes + tile.Bytes.Length];
        value[0] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(value.AsSpan(1), tile.LastModified.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteUInt16LittleEndian(value.AsSpan(9), checked((ushort)etagBytes));
        Encoding.UTF8.GetBytes(tile.ETag, value.AsSpan(HeaderBytes));
        tile.Bytes.CopyTo(value.AsSpan(HeaderBytes + etagBytes));
        return value;
    }

    /// <summary>The tile, or null when <paramref name="value"/> is not one (another writer, another version): a miss, not an error.</summary>
    public static CachedTile? Decode(ReadOnlySpan<byte> value)
    {
        if (value.Length < HeaderBytes || value[0] != Version)
        {
            return null;
        }

        long lastModified = BinaryPrimitives.ReadInt64LittleEndian(value[1..]);
        int etagBytes = BinaryPrimitives.ReadUInt16LittleEndian(value[9..]);
        if (value.Length < HeaderBytes + etagBytes || lastModified is < -62135596800000 or > 253402300799999)
        {
            return null;
        }

        string etag = Encoding.UTF8.GetString(value.Slice(HeaderBytes, etagBytes));
        return new CachedTile(value[(HeaderBytes + etagBytes)..].ToArray(), etag, DateTimeOffset.FromUnixTimeMilliseconds(lastModified));
    }
}
