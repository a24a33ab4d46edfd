namespace TileCluster.Storage.Outputs.Jpeg;

/// <summary>
/// Turns a baseline JPEG into a progressive one with the same quantised coefficients, so it decodes
/// to the same pixels, as <c>jpegtran -progressive</c> does. The scans are spectral selection only
/// (T.81 G.1.1): first the DC of every component, then for each component the AC bands 1-5 and
/// 6-63, so a browser shows the whole image blurred first and sharpens it. Coded with the standard
/// Huffman tables of annex K.
/// </summary>
public static class ProgressiveJpeg
{
    private static readonly (int Start, int End)[] AcBands = [(1, 5), (6, 63)];

    /// <summary>The progressive form of <paramref name="baseline"/> (a whole baseline JPEG with one interleaved scan).</summary>
    public static byte[] FromBaseline(byte[] baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var parts = JpegStripParts.Parse(baseline, 0);
        var components = Decode(baseline, parts);
        using var output = new MemoryStream(baseline.Length + 1024);
        byte[] headers = parts.Headers.ToArray();
        headers[parts.FrameInHeaders + 1] = 0xC2; // progressive DCT, Huffman coding
        output.Write(headers);
        JpegStandardTables.WriteSegment(output);

        var bits = new JpegBitWriter();
        WriteScanHeader(output, parts, [.. Enumerable.Range(0, components.Length)], 0, 0);
        WriteDcScan(bits, parts, components);
        Flush(bits, output);
        for (int c = 0; c < components.Length; c++)
        {
            foreach (var (start, end) in AcBands)
            {
                WriteScanHeader(output, parts, [c], start, end);
                WriteAcScan(bits, JpegStandardTables.Ac(c), components[c], start, end);
                Flush(bits, output);
            }
        }

        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    // The quantised coefficients of each scan component, blocks in rows of BlocksWide (MCU-padded),
    // 64 values each in zig-zag order.
    private sealed record Component(int BlocksWide, int BlocksHigh, int UsedWide, int UsedHigh, short[] Coefficients);

    private static Component[] Decode(byte[] jpeg, JpegStripParts parts)
    {
        int count = parts.ComponentIds.Length;
        int maxH = parts.Horizontal.Max(), maxV = parts.Vertical.Max();
        int mcusAcross = (parts.WidthPx + parts.McuWidthPx - 1) / parts.McuWidthPx;
        int mcusDown = (parts.HeightPx + parts.McuHeightPx - 1) / parts.McuHeightPx;
        var components = new Component[count];
        for (int c = 0; c < count; c++)
        {
            int wide = mcusAcross * parts.Horizontal[c], high = mcusDown * parts.Vertical[c];

            // A non-interleaved scan covers only the blocks of the component's own size (T.81 A.2.2).
            int usedWide = (((parts.WidthPx * parts.Horizontal[c]) + maxH - 1) / maxH + 7) / 8;
            int usedHigh = (((parts.HeightPx * parts.Vertical[c]) + maxV - 1) / maxV + 7) / 8;
            components[c] = new Component(wide, high, usedWide, usedHigh, new short[wide * high * 64]);
        }

        var reader = new JpegBitReader(jpeg.AsSpan(parts.DataStart, parts.DataEnd - parts.DataStart));
        Span<int> predictions = stackalloc int[count];
        for (int my = 0; my < mcusDown; my++)
        {
            for (int mx = 0; mx < mcusAcross; mx++)
            {
                for (int c = 0; c < count; c++)
                {
                    var component = components[c];
                    for (int v = 0; v < parts.Vertical[c]; v++)
                    {
                        for (int h = 0; h < parts.Horizontal[c]; h++)
                        {
                            int block = ((my * parts.Vertical[c]) + v) * component.BlocksWide + (mx * parts.Horizontal[c]) + h;
                            JpegBlocks.Read(ref reader, parts.DcTables[c], parts.AcTables[c], ref predictions[c], component.Coefficients.AsSpan(block * 64, 64));
                        }
                    }
                }
            }
        }

        return components;
    }

    // The DC scan is interleaved: MCU by MCU, every component's blocks, as in the baseline scan.
    private static void WriteDcScan(JpegBitWriter bits, JpegStripParts parts, Component[] components)
    {
        Span<int> predictions = stackalloc int[components.Length];
        int mcusAcross = components[0].BlocksWide / parts.Horizontal[0], mcusDown = components[0].BlocksHigh / parts.Vertical[0];
        for (int my = 0; my < mcusDown; my++)
        {
            for (int mx = 0; mx < mcusAcross; mx++)
            {
                for (int c = 0; c < components.Length; c++)
                {
                    var component = components[c];
                    for (int v = 0; v < parts.Vertical[c]; v++)
                    {
                        for (int h = 0; h < parts.Horizontal[c]; h++)
                        {
                            int block = ((my * parts.Vertical[c]) + v) * component.BlocksWide + (mx * parts.Horizontal[c]) + h;
                            int dc = component.Coefficients[block * 64];
                            JpegValues.WriteDc(bits, JpegStandardTables.Dc(c), dc - predictions[c]);
                            predictions[c] = dc;
                        }
                    }
                }
            }
        }
    }

    // An AC scan is one component's blocks in raster order, each block's band coded as in a
    // baseline scan (its trailing zeros an EOB: an end-of-band run of one, T.81 G.1.2.2).
    private static void WriteAcScan(JpegBitWriter bits, JpegHuffmanTable table, Component component, int start, int end)
    {
        for (int by = 0; by < component.UsedHigh; by++)
        {
            for (int bx = 0; bx < component.UsedWide; bx++)
            {
                JpegBlocks.WriteAc(bits, table, component.Coefficients.AsSpan(((by * component.BlocksWide) + bx) * 64, 64), start, end);
            }
        }
    }

    private static void WriteScanHeader(Stream output, JpegStripParts parts, int[] components, int start, int end)
    {
        int length = 6 + (2 * components.Length);
        output.Write([0xFF, 0xDA, (byte)(length >> 8), (byte)length, (byte)components.Length]);
        foreach (int c in components)
        {
            output.Write([(byte)parts.ComponentIds[c], JpegStandardTables.Selectors(c)]);
        }

        output.Write([(byte)start, (byte)end, 0]);
    }

    private static void Flush(JpegBitWriter bits, Stream output)
    {
        bits.Finish();
        output.Write(bits.TakeBytes());
    }
}
