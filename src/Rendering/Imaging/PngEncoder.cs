using System.Buffers.Binary;
using System.IO.Compression;

namespace TileCluster.Rendering.Imaging;

/// <summary>
/// A minimal PNG writer for map tiles: palette images (bit depth 1/2/4/8 picked from the palette
/// size) and 8-bit true colour, non-interlaced.
/// </summary>
internal static class PngEncoder
{
    /// <summary>zlib level for tiles unless a layer sets <c>Png:Compression</c>; measured on palette tiles: above 6 gains under 1% and costs a lot of time.</summary>
    public const int DefaultCompressionLevel = 6;

    /// <summary>
    /// zlib strategy for palette tiles: run-length matches only (zlib's Z_RLE, which it recommends
    /// for PNG image data). Measured on metatiles of z12-17 around Vaduz (docs/benchmarks.md):
    /// with the default strategy zlib took up to 2-4 times as long, for tiles 5-12% smaller.
    /// </summary>
    public const ZLibCompressionStrategy PaletteCompressionStrategy = ZLibCompressionStrategy.RunLengthEncoding;

    private const byte ColorTypeTrueColor = 2;
    private const byte ColorTypePalette = 3;
    private const byte ColorTypeTrueColorAlpha = 6;
    private const byte FilterNone = 0;
    private const byte FilterSub = 1;
    private const byte FilterUp = 2;
    private const byte FilterPaeth = 4;

    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The bit depth a palette of <paramref name="paletteSize"/> entries is written with.</summary>
    public static int BitDepthFor(int paletteSize) => paletteSize switch
    {
        <= 2 => 1,
        <= 4 => 2,
        <= 16 => 4,
        _ => 8,
    };

    /// <summary>
    /// Encodes a palette image. <paramref name="indices"/> holds one byte per pixel,
    /// <paramref name="stride"/> bytes per row, each below <paramref name="palette"/>'s length (1..256).
    /// A tRNS chunk is written only when some entry is not opaque. <paramref name="compressionLevel"/> is zlib's 0-9.
    /// </summary>
    public static byte[] EncodeIndexed(ReadOnlySpan<byte> indices, int stride, int width, int height, ReadOnlySpan<Rgba> palette, int compressionLevel = DefaultCompressionLevel)
    {
        ValidateSize(width, height, stride, indices.Length, 1);
        if (palette.Length is < 1 or > 256)
        {
            throw new ArgumentException("palette must have 1..256 entries", nameof(palette));
        }

        int bitDepth = BitDepthFor(palette.Length);
        using var png = new MemoryStream(1024);
        png.Write(Signature);
        WriteHeader(png, width, height, (byte)bitDepth, ColorTypePalette);

        Span<byte> plte = stackalloc byte[palette.Length * 3];
        Span<byte> trns = stackalloc byte[palette.Length];
        int trnsLength = 0;
        for (int i = 0; i < palette.Length; i++)
        {
            plte[i * 3] = palette[i].R;
            plte[(i * 3) + 1] = palette[i].G;
            plte[(i * 3) + 2] = palette[i].B;
            trns[i] = palette[i].A;
            if (palette[i].A != 255)
            {
                trnsLength = i + 1;
            }
        }

        WriteChunk(png, "PLTE"u8, plte);
        if (trnsLength > 0)
        {
            WriteChunk(png, "tRNS"u8, trns[..trnsLength]);
        }

        // Filter None: palette indices are not numeric, so prediction filters rarely help.
        int rowBytes = ((width * bitDepth) + 7) / 8;
        var row = new byte[rowBytes + 1];
        long start = BeginChunk(png, "IDAT"u8);
        using (var zlib = new ZLibStream(png, new ZLibCompressionOptions { CompressionLevel = compressionLevel, CompressionStrategy = PaletteCompressionStrategy }, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                row[0] = FilterNone;
                PackRow(indices.Slice(y * stride, width), bitDepth, row.AsSpan(1));
                zlib.Write(row);
            }
        }

        EndChunk(png, start);
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>
    /// Encodes canvas pixels (premultiplied B, G, R, A bytes: Skia's Bgra8888, Cairo's ARGB32, <paramref name="stride"/> bytes
    /// per row) as 8-bit RGB, or RGBA when any pixel is not fully opaque. <paramref name="compressionLevel"/> is zlib's 0-9.
    /// </summary>
    public static byte[] EncodeArgb32(ReadOnlySpan<byte> argb32, int stride, int width, int height, int compressionLevel = DefaultCompressionLevel)
    {
        ValidateSize(width, height, stride, argb32.Length, 4);
        bool opaque = IsOpaque(argb32, stride, width, height);
        int bpp = opaque ? 3 : 4;
        int rowBytes = width * bpp;
        using var png = new MemoryStream(rowBytes * height / 4);
        png.Write(Signature);
        WriteHeader(png, width, height, 8, opaque ? ColorTypeTrueColor : ColorTypeTrueColorAlpha);

        var previous = new byte[rowBytes];
        var current = new byte[rowBytes];
        var candidate = new byte[rowBytes + 1];
        var best = new byte[rowBytes + 1];
        long start = BeginChunk(png, "IDAT"u8);
        using (var zlib = new ZLibStream(png, new ZLibCompressionOptions { CompressionLevel = compressionLevel }, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                PixelConversion.Argb32RowToRgb(argb32.Slice(y * stride, width * 4), current, bpp == 4);
                ChooseFilter(current, previous, bpp, candidate, best);
                zlib.Write(best);
                (previous, current) = (current, previous);
            }
        }

        EndChunk(png, start);
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void ValidateSize(int width, int height, int stride, int length, int bytesPerPixel)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (stride < width * bytesPerPixel || length < ((long)stride * (height - 1)) + (width * bytesPerPixel))
        {
            throw new ArgumentException("pixel buffer is smaller than the image");
        }
    }

    private static bool IsOpaque(ReadOnlySpan<byte> argb32, int stride, int width, int height)
    {
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = argb32.Slice(y * stride, width * 4);
            for (int i = 3; i < row.Length; i += 4)
            {
                if (row[i] != 255)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void PackRow(ReadOnlySpan<byte> indices, int bitDepth, Span<byte> packed)
    {
        if (bitDepth == 8)
        {
            indices.CopyTo(packed);
            return;
        }

        // Whole output bytes first (the leftmost pixel in the high bits), then a partial last byte.
        int perByte = 8 / bitDepth;
        int whole = indices.Length / perByte;
        for (int b = 0, x = 0; b < whole; b++)
        {
            int value = 0;
            for (int i = 0; i < perByte; i++, x++)
            {
                value = (value << bitDepth) | indices[x];
            }

            packed[b] = (byte)value;
        }

        int rest = indices.Length - (whole * perByte);
        if (rest > 0)
        {
            int value = 0;
            for (int i = 0; i < rest; i++)
            {
                value = (value << bitDepth) | indices[(whole * perByte) + i];
            }

            packed[whole] = (byte)(value << (bitDepth * (perByte - rest)));
        }
    }

    // libpng's heuristic: the filter whose output has the smallest sum of absolute signed bytes.
    private static void ChooseFilter(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> candidate, Span<byte> best)
    {
        long bestCost = long.MaxValue;
        ReadOnlySpan<byte> filters = [FilterNone, FilterSub, FilterUp, FilterPaeth];
        foreach (byte filter in filters)
        {
            candidate[0] = filter;
            long cost = 0;
            for (int i = 0; i < row.Length; i++)
            {
                int a = i >= bpp ? row[i - bpp] : 0;
                int b = previous[i];
                int c = i >= bpp ? previous[i - bpp] : 0;
                int predicted = filter switch
                {
                    FilterSub => a,
                    FilterUp => b,
                    FilterPaeth => Paeth(a, b, c),
                    _ => 0,
                };
                byte value = (byte)(row[i] - predicted);
                candidate[i + 1] = value;
                cost += Math.Abs((int)(sbyte)value);
            }

            if (cost < bestCost)
            {
                bestCost = cost;
                candidate.CopyTo(best);
            }
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a);
        int pb = Math.Abs(p - b);
        int pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteHeader(MemoryStream png, int width, int height, byte bitDepth, byte colorType)
    {
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = bitDepth;
        ihdr[9] = colorType;
        ihdr[10] = 0; // deflate
        ihdr[11] = 0; // adaptive filtering
        ihdr[12] = 0; // no interlace
        WriteChunk(png, "IHDR"u8, ihdr);
    }

    private static void WriteChunk(MemoryStream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        long start = BeginChunk(png, type);
        png.Write(data);
        EndChunk(png, start);
    }

    // Reserves the length field and writes the type; the data is then streamed straight into png.
    private static long BeginChunk(MemoryStream png, ReadOnlySpan<byte> type)
    {
        long start = png.Position;
        Span<byte> header = stackalloc byte[8];
        type.CopyTo(header[4..]);
        png.Write(header);
        return start;
    }

    private static void EndChunk(MemoryStream png, long start)
    {
        int dataLength = checked((int)(png.Position - start - 8));
        Span<byte> buffer = png.GetBuffer().AsSpan((int)start, dataLength + 8);
        BinaryPrimitives.WriteInt32BigEndian(buffer, dataLength);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, System.IO.Hashing.Crc32.HashToUInt32(buffer[4..]));
        png.Write(crc);
    }
}
