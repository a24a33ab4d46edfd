using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Storage.Outputs;

/// <summary>
/// Writes a GeoTIFF (8-bit RGBA, deflate, horizontal predictor, EPSG:3857) from strips the silos
/// compressed, one TIFF strip each: the header, the strips' bytes as they are, then the image
/// file directory with the strip offsets and the GeoTIFF tags (ModelPixelScale, ModelTiepoint,
/// and a GeoKeyDirectory saying projected, pixel-is-area, EPSG:3857). TIFF's header points at the
/// directory and the directory lists every strip's offset and size, so the file can be written
/// only once all strips are compressed: the caller holds the compressed strips, never the pixels.
/// </summary>
public static class GeoTiffStripWriter
{
    private const ushort Short = 3, Long = 4, Ascii = 2, Double = 12;
    private const int HeaderBytes = 8, EntryBytes = 12, Entries = 16;
    private static readonly byte[] Software = "TileCluster\0"u8.ToArray();

    /// <summary>The file's size in bytes.</summary>
    public static long Length(IReadOnlyList<ExportStrip> strips) => Layout(strips).End;

    /// <summary>
    /// Writes the GeoTIFF of <paramref name="request"/> made of <paramref name="strips"/> (from the
    /// top, <paramref name="rowsPerStrip"/> rows each but the last) to <paramref name="output"/>.
    /// </summary>
    public static async Task WriteAsync(Stream output, ExportRequest request, int rowsPerStrip, IReadOnlyList<ExportStrip> strips, CancellationToken cancellationToken)
    {
        var layout = Layout(strips);
        byte[] header = new byte[HeaderBytes];
        "II"u8.CopyTo(header);
        BitConverter.TryWriteBytes(header.AsSpan(2), (ushort)42);
        BitConverter.TryWriteBytes(header.AsSpan(4), checked((uint)layout.Directory));
        await output.WriteAsync(header, cancellationToken);
        foreach (var strip in strips)
        {
            await output.WriteAsync(strip.Bytes, cancellationToken);
        }

        await output.WriteAsync(Directory(request, rowsPerStrip, strips, layout), cancellationToken);
    }

    private static long StripBytes(IReadOnlyList<ExportStrip> strips)
    {
        long data = 0;
        foreach (var strip in strips)
        {
            data += strip.Bytes.Length;
        }

        return data;
    }

    private static (long Directory, long End) Layout(IReadOnlyList<ExportStrip> strips)
    {
        long data = StripBytes(strips);
        // The directory starts on a word boundary; its values that do not fit in an entry follow it.
        long directory = HeaderBytes + data + (data & 1);
        return (directory, directory + DirectoryBytes(strips.Count));
    }

    private static int DirectoryBytes(int strips) =>
        2 + (Entries * EntryBytes) + 4 + 8 + Software.Length + (strips > 1 ? 8 * strips : 0) + 24 + 48 + 32;

    private static byte[] Directory(ExportRequest request, int rowsPerStrip, IReadOnlyList<ExportStrip> strips, (long Directory, long End) layout)
    {
        using var buffer = new MemoryStream(DirectoryBytes(strips.Count) + 1);
        using var writer = new BinaryWriter(buffer);
        if (layout.Directory != HeaderBytes + StripBytes(strips))
        {
            writer.Write((byte)0); // the word-alignment padding before the directory
        }

        uint extra = checked((uint)(layout.Directory + 2 + (Entries * EntryBytes) + 4));
        uint bitsAt = extra, softwareAt = bitsAt + 8, offsetsAt = softwareAt + (uint)Software.Length;
        uint countsAt = offsetsAt + (strips.Count > 1 ? 4u * (uint)strips.Count : 0);
        uint scaleAt = countsAt + (strips.Count > 1 ? 4u * (uint)strips.Count : 0), tiepointAt = scaleAt + 24, keysAt = tiepointAt + 48;
        uint firstOffset = HeaderBytes;

        writer.Write((ushort)Entries);
        Entry(writer, 256, Long, 1, (uint)request.WidthPx);
        Entry(writer, 257, Long, 1, (uint)request.HeightPx);
        Entry(writer, 258, Short, 4, bitsAt);
        Entry(writer, 259, Short, 1, 8);        // compression: deflate
        Entry(writer, 262, Short, 1, 2);        // photometric: RGB
        Entry(writer, 273, Long, (uint)strips.Count, strips.Count > 1 ? offsetsAt : firstOffset);
        Entry(writer, 277, Short, 1, 4);        // samples per pixel
        Entry(writer, 278, Long, 1, (uint)rowsPerStrip);
        Entry(writer, 279, Long, (uint)strips.Count, strips.Count > 1 ? countsAt : (uint)strips[0].Bytes.Length);
        Entry(writer, 284, Short, 1, 1);        // planar configuration: contiguous
        Entry(writer, 305, Ascii, (uint)Software.Length, softwareAt);
        Entry(writer, 317, Short, 1, 2);        // predictor: horizontal differencing
        Entry(writer, 338, Short, 1, 2);        // extra sample: unassociated alpha
        Entry(writer, 33550, Double, 3, scaleAt);    // ModelPixelScale
        Entry(writer, 33922, Double, 6, tiepointAt); // ModelTiepoint
        Entry(writer, 34735, Short, 16, keysAt);     // GeoKeyDirectory
        writer.Write(0u); // no next directory

        for (int i = 0; i < 4; i++)
        {
            writer.Write((ushort)8);
        }

        writer.Write(Software);
        if (strips.Count > 1)
        {
            uint offset = firstOffset;
            foreach (var strip in strips)
            {
                writer.Write(offset);
                offset += (uint)strip.Bytes.Length;
            }

            foreach (var strip in strips)
            {
                writer.Write((uint)strip.Bytes.Length);
            }
        }

        writer.Write((request.MaxX - request.MinX) / request.WidthPx);
        writer.Write((request.MaxY - request.MinY) / request.HeightPx);
        writer.Write(0.0);
        foreach (double value in (ReadOnlySpan<double>)[0, 0, 0, request.MinX, request.MaxY, 0])
        {
            writer.Write(value);
        }

        // GeoKeyDirectory 1.1.0 with three keys: GTModelType = projected, GTRasterType = pixel is
        // area, ProjectedCSType = EPSG:3857.
        foreach (ushort value in (ReadOnlySpan<ushort>)[1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 3857])
        {
            writer.Write(value);
        }

        writer.Flush();
        return buffer.ToArray();
    }

    private static void Entry(BinaryWriter writer, ushort tag, ushort type, uint count, uint value)
    {
        writer.Write(tag);
        writer.Write(type);
        writer.Write(count);

        // A single SHORT sits left-justified in the value field (little-endian: its low bytes).
        if (type == Short && count == 1)
        {
            writer.Write((ushort)value);
            writer.Write((ushort)0);
        }
        else
        {
            writer.Write(value);
        }
    }
}
