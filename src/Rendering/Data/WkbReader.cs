using System.Buffers.Binary;

namespace TileCluster.Rendering.Data;

/// <summary>
/// Decodes OGC WKB (also ISO and EWKB Z/M/SRID variants; Z and M are skipped) straight into
/// device pixels. Malformed input is unexpected from PostGIS, so it throws <see cref="FormatException"/>.
/// </summary>
internal static class WkbReader
{
    private const uint EwkbZ = 0x80000000;
    private const uint EwkbM = 0x40000000;
    private const uint EwkbSrid = 0x20000000;
    private const int MaxDepth = 32;

    /// <summary>Appends the parts of <paramref name="wkb"/> to <paramref name="into"/>; returns how many were added.</summary>
    public static int Read(ReadOnlySpan<byte> wkb, in PixelTransform transform, GeometryBuffer into)
    {
        int before = into.PartCount;
        int offset = 0;
        ReadGeometry(wkb, ref offset, transform, into, 0);
        return into.PartCount - before;
    }

    private static void ReadGeometry(ReadOnlySpan<byte> wkb, ref int offset, in PixelTransform t, GeometryBuffer into, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException("WKB nesting is too deep");
        }

        bool little = ReadByte(wkb, ref offset) switch
        {
            1 => true,
            0 => false,
            byte other => throw new FormatException($"bad WKB byte order {other} at offset {offset - 1}"),
        };
        uint raw = ReadUInt32(wkb, ref offset, little);
        int dims = 2 + ((raw & EwkbZ) != 0 ? 1 : 0) + ((raw & EwkbM) != 0 ? 1 : 0);
        if ((raw & EwkbSrid) != 0)
        {
            offset += 4;
        }

        uint type = raw & 0x0FFFFFFF;
        dims += (type / 1000) switch { 0 => 0, 1 or 2 => 1, 3 => 2, _ => throw new FormatException($"bad WKB type {type}") };
        type %= 1000;
        switch (type)
        {
            case 1:
                into.BeginPart();
                ReadPoints(wkb, ref offset, 1, dims, little, t, into, skipNaN: true);
                into.EndPart(PartKind.Point);
                break;
            case 2:
                ReadSequence(wkb, ref offset, dims, little, t, into, PartKind.Line);
                break;
            case 3:
                uint rings = ReadCount(wkb, ref offset, little, 4);
                for (uint i = 0; i < rings; i++)
                {
                    ReadSequence(wkb, ref offset, dims, little, t, into, PartKind.Ring);
                }

                break;
            case 4 or 5 or 6 or 7:
                uint count = ReadCount(wkb, ref offset, little, 5);
                for (uint i = 0; i < count; i++)
                {
                    ReadGeometry(wkb, ref offset, t, into, depth + 1);
                }

                break;
            default:
                throw new FormatException($"unsupported WKB geometry type {type}");
        }
    }

    private static void ReadSequence(ReadOnlySpan<byte> wkb, ref int offset, int dims, bool little, in PixelTransform t, GeometryBuffer into, PartKind kind)
    {
        uint points = ReadCount(wkb, ref offset, little, dims * 8);
        into.BeginPart();
        ReadPoints(wkb, ref offset, (int)points, dims, little, t, into, skipNaN: false);
        into.EndPart(kind);
    }

    private static void ReadPoints(ReadOnlySpan<byte> wkb, ref int offset, int count, int dims, bool little, in PixelTransform t, GeometryBuffer into, bool skipNaN)
    {
        int stride = dims * 8;
        if ((long)offset + ((long)count * stride) > wkb.Length)
        {
            throw new FormatException($"WKB truncated: {count} points at offset {offset} exceed {wkb.Length} bytes");
        }

        for (int i = 0; i < count; i++)
        {
            var span = wkb.Slice(offset, 16);
            double x = little ? BinaryPrimitives.ReadDoubleLittleEndian(span) : BinaryPrimitives.ReadDoubleBigEndian(span);
            double y = little ? BinaryPrimitives.ReadDoubleLittleEndian(span[8..]) : BinaryPrimitives.ReadDoubleBigEndian(span[8..]);
            offset += stride;

            // POINT EMPTY is encoded as NaN coordinates.
            if (skipNaN && (double.IsNaN(x) || double.IsNaN(y)))
            {
                continue;
            }

            into.Add(t.X(x), t.Y(y));
        }
    }

    private static uint ReadCount(ReadOnlySpan<byte> wkb, ref int offset, bool little, int minBytesEach)
    {
        uint count = ReadUInt32(wkb, ref offset, little);

        // Reject counts the remaining bytes cannot hold, before anything loops on them.
        if ((long)count * minBytesEach > wkb.Length - offset)
        {
            throw new FormatException($"WKB count {count} at offset {offset - 4} exceeds the remaining {wkb.Length - offset} bytes");
        }

        return count;
    }

    private static byte ReadByte(ReadOnlySpan<byte> wkb, ref int offset)
    {
        if (offset >= wkb.Length)
        {
            throw new FormatException($"WKB truncated at offset {offset}");
        }

        return wkb[offset++];
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> wkb, ref int offset, bool little)
    {
        if (offset + 4 > wkb.Length)
        {
            throw new FormatException($"WKB truncated at offset {offset}");
        }

        var span = wkb.Slice(offset, 4);
        offset += 4;
        return little ? BinaryPrimitives.ReadUInt32LittleEndian(span) : BinaryPrimitives.ReadUInt32BigEndian(span);
    }
}
