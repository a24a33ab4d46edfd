using System.Buffers.Binary;
using TileCluster.Grains.Abstractions.Tiles;

namespace TileCluster.Storage;

/// <summary>
/// mod_tile's metatile file: the magic <c>META</c>, then count, x, y, z as little-endian int32,
/// then <c>count</c> (offset, size) int32 pairs, then the tile bytes. The index is x-major and
/// always has 64 entries; tiles outside a smaller (z0-2) metatile have size 0.
/// </summary>
internal static class MetaFile
{
    /// <summary>Entries in the index: mod_tile's METATILE².</summary>
    public const int EntryCount = MetatileCoord.Size * MetatileCoord.Size;

    /// <summary>Bytes before the first tile: 20-byte header and the 64-entry index.</summary>
    public const int HeaderSize = 20 + (EntryCount * 8);

    private static ReadOnlySpan<byte> Magic => "META"u8;

    /// <summary>Serialises a rendered metatile in mod_tile's layout.</summary>
    public static byte[] Serialize(MetatileCoord metatile, RenderedMetatile tiles)
    {
        int n = tiles.TilesPerSide;
        long total = HeaderSize;
        for (int dx = 0; dx < n; dx++)
        {
            for (int dy = 0; dy < n; dy++)
            {
                total += tiles.Get(dx, dy).Length;
            }
        }

        var buffer = new byte[total];
        Span<byte> span = buffer;
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], EntryCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], metatile.X);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], metatile.Y);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], metatile.Z);

        // Unused entries keep offset 0 / size 0, as mod_tile's zero-filled index does.
        int offset = HeaderSize;
        for (int dx = 0; dx < n; dx++)
        {
            for (int dy = 0; dy < n; dy++)
            {
                byte[] tile = tiles.Get(dx, dy);
                int entry = 20 + (((dx * MetatileCoord.Size) + dy) * 8);
                BinaryPrimitives.WriteInt32LittleEndian(span[entry..], offset);
                BinaryPrimitives.WriteInt32LittleEndian(span[(entry + 4)..], tile.Length);
                tile.CopyTo(span[offset..]);
                offset += tile.Length;
            }
        }

        return buffer;
    }

    /// <summary>
    /// Checks a header against the metatile it should hold and finds the entry of <paramref name="tile"/>.
    /// Returns false when the header is not a valid metatile of that address.
    /// </summary>
    public static bool TryLocate(ReadOnlySpan<byte> header, MetatileCoord metatile, TileCoord tile, long fileLength, out int offset, out int size)
    {
        offset = 0;
        size = 0;
        if (header.Length < HeaderSize || !header[..4].SequenceEqual(Magic))
        {
            return false;
        }

        int count = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        int x = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        int y = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        int z = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
        if (count != EntryCount || x != metatile.X || y != metatile.Y || z != metatile.Z)
        {
            return false;
        }

        int entry = 20 + (MetatileCoord.IndexOf(tile) * 8);
        offset = BinaryPrimitives.ReadInt32LittleEndian(header[entry..]);
        size = BinaryPrimitives.ReadInt32LittleEndian(header[(entry + 4)..]);
        // A used entry points past the header; size 0 there is a tile with nothing in it (an empty
        // vector tile), while an unused entry (offset 0, as mod_tile zero-fills) is no tile at all.
        return size >= 0 && offset >= HeaderSize && (long)offset + size <= fileLength;
    }

    /// <summary>Copies one tile out of a whole <c>.meta</c> file in memory; null when the file is not a valid metatile of that address.</summary>
    public static byte[]? TryExtract(byte[] meta, MetatileCoord metatile, TileCoord tile) =>
        meta.Length >= HeaderSize && TryLocate(meta.AsSpan(0, HeaderSize), metatile, tile, meta.Length, out int offset, out int size)
            ? meta.AsSpan(offset, size).ToArray()
            : null;
}
