using System.Buffers.Binary;

namespace TileCluster.Storage.Outputs.Jpeg;

/// <summary>
/// A baseline JPEG strip taken apart: its segments before the scan but the Huffman tables (the
/// headers the joined image keeps), its frame, its Huffman tables, its scan's components and the
/// range of its entropy-coded data.
/// </summary>
internal sealed class JpegStripParts
{
    private const byte Marker = 0xFF;
    private const byte StartOfImage = 0xD8, EndOfImage = 0xD9, StartOfScan = 0xDA, HuffmanTables = 0xC4, RestartInterval = 0xDD;

    private JpegStripParts(byte[] headers, int frameInHeaders, int[] componentIds, int[] horizontal, int[] vertical, JpegHuffmanTable[] dc, JpegHuffmanTable[] ac, byte[] scanHeader, int dataStart, int dataEnd)
    {
        Headers = headers;
        FrameInHeaders = frameInHeaders;
        ComponentIds = componentIds;
        Horizontal = horizontal;
        Vertical = vertical;
        DcTables = dc;
        AcTables = ac;
        ScanHeader = scanHeader;
        DataStart = dataStart;
        DataEnd = dataEnd;
    }

    /// <summary>SOI and every segment before the scan but the Huffman tables and any DRI, in order.</summary>
    public byte[] Headers { get; }

    /// <summary>Where the frame header (its marker) is in <see cref="Headers"/>.</summary>
    public int FrameInHeaders { get; }

    /// <summary>The strip's height in pixels.</summary>
    public int HeightPx => BinaryPrimitives.ReadUInt16BigEndian(Headers.AsSpan(FrameInHeaders + 5));

    /// <summary>The strip's width in pixels.</summary>
    public int WidthPx => BinaryPrimitives.ReadUInt16BigEndian(Headers.AsSpan(FrameInHeaders + 7));

    /// <summary>The scan's components in scan order (their frame ids).</summary>
    public int[] ComponentIds { get; }

    /// <summary>Horizontal sampling factor of each scan component.</summary>
    public int[] Horizontal { get; }

    /// <summary>Vertical sampling factor of each scan component.</summary>
    public int[] Vertical { get; }

    /// <summary>The DC table of each scan component.</summary>
    public JpegHuffmanTable[] DcTables { get; }

    /// <summary>The AC table of each scan component.</summary>
    public JpegHuffmanTable[] AcTables { get; }

    /// <summary>The SOS segment, marker included.</summary>
    public byte[] ScanHeader { get; }

    /// <summary>Where the entropy-coded data starts in the strip.</summary>
    public int DataStart { get; }

    /// <summary>Where it ends (the EOI marker).</summary>
    public int DataEnd { get; }

    /// <summary>Rows of one MCU.</summary>
    public int McuHeightPx => 8 * Vertical.Max();

    /// <summary>Columns of one MCU.</summary>
    public int McuWidthPx => 8 * Horizontal.Max();

    /// <summary>Takes strip <paramref name="index"/> apart; a strip that is not a whole baseline JPEG with one interleaved scan is refused.</summary>
    public static JpegStripParts Parse(byte[] jpeg, int index)
    {
        if (jpeg.Length < 4 || jpeg[0] != Marker || jpeg[1] != StartOfImage || jpeg[^2] != Marker || jpeg[^1] != EndOfImage)
        {
            throw new InvalidDataException($"strip {index} is not a whole JPEG (no start or end of image)");
        }

        using var headers = new MemoryStream();
        headers.Write(jpeg, 0, 2);
        var dcById = new JpegHuffmanTable?[4];
        var acById = new JpegHuffmanTable?[4];
        int frame = -1;
        byte[]? frameSegment = null;
        for (int at = 2; at + 4 <= jpeg.Length;)
        {
            if (jpeg[at] != Marker)
            {
                throw new InvalidDataException($"strip {index}: no JPEG marker at byte {at}");
            }

            byte kind = jpeg[at + 1];
            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
            var segment = jpeg.AsSpan(at, 2 + length);
            switch (kind)
            {
                case 0xC0 or 0xC1:
                    frame = (int)headers.Length;
                    frameSegment = segment.ToArray();
                    headers.Write(segment);
                    break;
                case >= 0xC2 and <= 0xCF and not HuffmanTables and not 0xC8 and not 0xCC:
                    throw new InvalidDataException($"strip {index} is not a baseline JPEG (frame marker 0x{kind:X2}), so its strips cannot be joined");
                case HuffmanTables:
                    ReadTables(segment[4..], dcById, acById, index);
                    break;
                case RestartInterval:
                    throw new InvalidDataException($"strip {index} has restart markers");
                case StartOfScan when frameSegment is null:
                    throw new InvalidDataException($"strip {index} has a scan before its frame header");
                case StartOfScan:
                    return Scan(jpeg, index, headers.ToArray(), frame, frameSegment, segment, dcById, acById, at + 2 + length);
                default:
                    headers.Write(segment);
                    break;
            }

            at += 2 + length;
        }

        throw new InvalidDataException($"strip {index} has no scan");
    }

    private static JpegStripParts Scan(byte[] jpeg, int index, byte[] headers, int frame, byte[] frameSegment, ReadOnlySpan<byte> scan, JpegHuffmanTable?[] dcById, JpegHuffmanTable?[] acById, int dataStart)
    {
        int frameComponents = frameSegment[9], scanComponents = scan[4];
        if (scanComponents != frameComponents)
        {
            throw new InvalidDataException($"strip {index}'s scan has {scanComponents} of the frame's {frameComponents} components; only one interleaved scan can be joined");
        }

        var ids = new int[scanComponents];
        var h = new int[scanComponents];
        var v = new int[scanComponents];
        var dc = new JpegHuffmanTable[scanComponents];
        var ac = new JpegHuffmanTable[scanComponents];
        for (int c = 0; c < scanComponents; c++)
        {
            ids[c] = scan[5 + (2 * c)];
            int selectors = scan[6 + (2 * c)];
            int f = 0;
            while (f < frameComponents && frameSegment[10 + (3 * f)] != ids[c])
            {
                f++;
            }

            if (f == frameComponents)
            {
                throw new InvalidDataException($"strip {index}'s scan names component {ids[c]}, which its frame has not");
            }

            h[c] = frameSegment[11 + (3 * f)] >> 4;
            v[c] = frameSegment[11 + (3 * f)] & 0x0F;
            dc[c] = dcById[(selectors >> 4) & 3] ?? throw new InvalidDataException($"strip {index}'s scan uses a DC table it does not define");
            ac[c] = acById[selectors & 3] ?? throw new InvalidDataException($"strip {index}'s scan uses an AC table it does not define");
        }

        return new JpegStripParts(headers, frame, ids, h, v, dc, ac, scan.ToArray(), dataStart, jpeg.Length - 2);
    }

    private static void ReadTables(ReadOnlySpan<byte> body, JpegHuffmanTable?[] dc, JpegHuffmanTable?[] ac, int index)
    {
        while (body.Length >= 17)
        {
            int kind = body[0] >> 4, id = body[0] & 0x0F;
            var counts = body.Slice(1, 16);
            int total = 0;
            foreach (byte count in counts)
            {
                total += count;
            }

            if (kind > 1 || id > 3 || body.Length < 17 + total)
            {
                throw new InvalidDataException($"strip {index} has a malformed Huffman table segment");
            }

            var table = new JpegHuffmanTable(counts, body.Slice(17, total));
            (kind == 0 ? dc : ac)[id] = table;
            body = body[(17 + total)..];
        }
    }
}
