namespace TileCluster.Storage.Outputs.Jpeg;

/// <summary>How T.81 writes a coefficient or DC difference: a size category, then that many bits.</summary>
internal static class JpegValues
{
    /// <summary>T.81 F.2.2.1: the received bits as a signed value of size category <paramref name="size"/>.</summary>
    public static int Extend(int bits, int size) => size == 0 ? 0 : bits < (1 << (size - 1)) ? bits - (1 << size) + 1 : bits;

    /// <summary>The size category of <paramref name="value"/>: the bits of its magnitude.</summary>
    public static int Size(int value)
    {
        int magnitude = Math.Abs(value), size = 0;
        while (magnitude > 0)
        {
            size++;
            magnitude >>= 1;
        }

        return size;
    }

    /// <summary>Writes <paramref name="value"/>'s <paramref name="size"/> bits (negative values as one's complement).</summary>
    public static void WriteBits(JpegBitWriter writer, int value, int size)
    {
        if (size > 0)
        {
            writer.Write(value < 0 ? value - 1 : value, size);
        }
    }

    /// <summary>Writes a DC difference: its category's code, then its bits.</summary>
    public static void WriteDc(JpegBitWriter writer, JpegHuffmanTable table, int difference)
    {
        int size = Size(difference);
        table.Encode(writer, size);
        WriteBits(writer, difference, size);
    }
}
