namespace TileCluster.Storage.Outputs.Jpeg;

/// <summary>
/// One 8 x 8 block's quantised coefficients (zig-zag order) read from a baseline scan and written
/// as Huffman-coded runs and sizes (T.81 F.1.2.2 and F.2.2.2; a progressive first AC scan codes a
/// band the same way, its end-of-band being an EOB run of one).
/// </summary>
internal static class JpegBlocks
{
    /// <summary>Reads a block; the DC difference is added to <paramref name="prediction"/>, which becomes the block's DC.</summary>
    public static void Read(ref JpegBitReader reader, JpegHuffmanTable dc, JpegHuffmanTable ac, ref int prediction, scoped Span<short> coefficients)
    {
        coefficients.Clear();
        int size = dc.Decode(ref reader);
        prediction += JpegValues.Extend(reader.Read(size), size);
        coefficients[0] = (short)prediction;
        for (int k = 1; k < 64;)
        {
            int symbol = ac.Decode(ref reader);
            int run = symbol >> 4;
            size = symbol & 0x0F;
            if (size == 0)
            {
                if (run != 15)
                {
                    return; // end of block
                }

                k += 16;
                continue;
            }

            k += run;
            if (k > 63)
            {
                throw new InvalidDataException("a block's coefficients run past the 64th");
            }

            coefficients[k++] = (short)JpegValues.Extend(reader.Read(size), size);
        }
    }

    /// <summary>Writes coefficients <paramref name="start"/> to <paramref name="end"/>: runs of zeros and values, ZRL for 16 zeros before a value, EOB after the last value.</summary>
    public static void WriteAc(JpegBitWriter bits, JpegHuffmanTable table, ReadOnlySpan<short> coefficients, int start, int end)
    {
        int run = 0;
        for (int k = start; k <= end; k++)
        {
            int value = coefficients[k];
            if (value == 0)
            {
                run++;
                continue;
            }

            for (; run > 15; run -= 16)
            {
                table.Encode(bits, 0xF0);
            }

            int size = JpegValues.Size(value);
            table.Encode(bits, (run << 4) | size);
            JpegValues.WriteBits(bits, value, size);
            run = 0;
        }

        if (run > 0)
        {
            table.Encode(bits, 0x00);
        }
    }
}
