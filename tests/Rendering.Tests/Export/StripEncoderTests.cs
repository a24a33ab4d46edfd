using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Rendering.Export;
using Xunit;

namespace TileCluster.Rendering.Tests.Export;

public sealed class StripEncoderTests
{
    private const int Width = 301;
    private const int Height = 97;

    [Theory]
    [InlineData(97)] // one strip
    [InlineData(32)] // three full strips and a short one
    [InlineData(1)]
    public void Png_StripsConcatenated_InflateToTheImageRowsWithAValidChecksum(int stripRows)
    {
        byte[] image = Pixels();
        using var stream = new MemoryStream();
        stream.Write([0x78, 0x9C]);
        uint adler = Adler32.Initial;
        for (int top = 0; top < Height; top += stripRows)
        {
            int rows = Math.Min(stripRows, Height - top);
            using var bitmap = Bitmap(image, top, rows);
            var strip = StripEncoder.Encode(bitmap, ExportFormat.Png);
            Assert.Equal(ExportStatus.Ok, strip.Status);
            Assert.Equal(rows * ((Width * 4) + 1), strip.RawLength);
            stream.Write(strip.Bytes);
            adler = Adler32.Combine(adler, strip.Adler32, strip.RawLength);
        }

        stream.Write([0x03, 0x00]);
        Span<byte> checksum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(checksum, adler);
        stream.Write(checksum);

        // ZLibStream checks the Adler-32 at the end: a wrong combination throws.
        stream.Position = 0;
        using var inflate = new ZLibStream(stream, CompressionMode.Decompress);
        using var filtered = new MemoryStream();
        inflate.CopyTo(filtered);
        Assert.Equal(image, Unfilter(filtered.ToArray()));
    }

    [Fact]
    public void GeoTiff_Strip_IsAZlibStreamOfHorizontallyDifferencedRows()
    {
        byte[] image = Pixels();
        using var bitmap = Bitmap(image, 0, Height);
        var strip = StripEncoder.Encode(bitmap, ExportFormat.GeoTiff);

        using var inflate = new ZLibStream(new MemoryStream(strip.Bytes), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        byte[] rows = raw.ToArray();
        Assert.Equal(image.Length, rows.Length);
        for (int y = 0; y < Height; y++)
        {
            for (int i = 4; i < Width * 4; i++)
            {
                rows[(y * Width * 4) + i] += rows[(y * Width * 4) + i - 4];
            }
        }

        Assert.Equal(image, rows);
    }

    // A picture with flat areas, gradients and noise, so every filter type gets chosen somewhere.
    private static byte[] Pixels()
    {
        var random = new Random(7);
        byte[] pixels = new byte[Width * Height * 4];
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int i = ((y * Width) + x) * 4;
                bool noise = x > 200 && y > 50;
                pixels[i] = noise ? (byte)random.Next(256) : (byte)(x < 100 ? 242 : x);
                pixels[i + 1] = noise ? (byte)random.Next(256) : (byte)(y * 2);
                pixels[i + 2] = (byte)((x + y) / 3);
                pixels[i + 3] = (byte)(x % 50 == 0 ? 128 : 255);
            }
        }

        return pixels;
    }

    private static SKBitmap Bitmap(byte[] image, int top, int rows)
    {
        var bitmap = new SKBitmap(new SKImageInfo(Width, rows, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var target = bitmap.GetPixelSpan();
        for (int y = 0; y < rows; y++)
        {
            image.AsSpan((top + y) * Width * 4, Width * 4).CopyTo(target.Slice(y * bitmap.RowBytes));
        }

        return bitmap;
    }

    // PNG reconstruction (RFC 2083 section 6), written out independently of the encoder.
    private static byte[] Unfilter(byte[] filtered)
    {
        int rowBytes = Width * 4;
        Assert.Equal(Height * (rowBytes + 1), filtered.Length);
        byte[] image = new byte[Height * rowBytes];
        for (int y = 0; y < Height; y++)
        {
            byte type = filtered[y * (rowBytes + 1)];
            for (int i = 0; i < rowBytes; i++)
            {
                int a = i >= 4 ? image[(y * rowBytes) + i - 4] : 0;
                int b = y > 0 ? image[((y - 1) * rowBytes) + i] : 0;
                int c = i >= 4 && y > 0 ? image[((y - 1) * rowBytes) + i - 4] : 0;
                int predicted = type switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Math.Abs(b - c) <= Math.Abs(a - c) && Math.Abs(b - c) <= Math.Abs(a + b - (2 * c)) ? a : Math.Abs(a - c) <= Math.Abs(a + b - (2 * c)) ? b : c,
                    _ => throw new InvalidDataException($"filter type {type}"),
                };
                image[(y * rowBytes) + i] = (byte)(filtered[(y * (rowBytes + 1)) + 1 + i] + predicted);
            }
        }

        return image;
    }
}
