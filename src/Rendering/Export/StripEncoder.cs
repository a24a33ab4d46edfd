using System.IO.Compression;
using SkiaSharp;
using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Rendering.Export;

/// <summary>
/// Compresses one strip of a raster export on the silo, so the gateway only stitches bytes:
/// PNG strips are raw deflate data of the filtered scanlines ended by a sync flush (byte-aligned
/// and not final, so the strips concatenate into one deflate stream) with their Adler-32; GeoTIFF
/// strips are complete zlib streams of horizontally differenced rows (TIFF predictor 2), one TIFF
/// strip each; JPEG strips are whole baseline JPEGs of one quantisation, whose blocks the gateway re-codes into one scan.
/// </summary>
internal static class StripEncoder
{
    private const int BytesPerPixel = 4;
    private const int JpegQuality = 90;

    /// <summary>Encodes <paramref name="bitmap"/> (8-bit RGBA, unpremultiplied: the strip's rows) for <paramref name="format"/>.</summary>
    public static ExportStrip Encode(SKBitmap bitmap, ExportFormat format) => format switch
    {
        ExportFormat.Png => EncodePng(bitmap),
        ExportFormat.GeoTiff => EncodeTiff(bitmap),
        ExportFormat.Jpeg => EncodeJpeg(bitmap),
        _ => throw new ArgumentException($"{format} exports are not rendered in strips", nameof(format)),
    };

    private static ExportStrip EncodePng(SKBitmap bitmap)
    {
        int rowBytes = bitmap.Width * BytesPerPixel, stride = bitmap.RowBytes, rows = bitmap.Height;
        var scratch = new byte[4][];
        for (int i = 0; i < scratch.Length; i++)
        {
            scratch[i] = new byte[rowBytes + 1];
        }

        var pixels = bitmap.GetPixelSpan();
        uint adler = Adler32.Initial;
        using var output = new MemoryStream();
        long length;
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < rows; y++)
            {
                var row = pixels.Slice(y * stride, rowBytes);
                var prior = y > 0 ? pixels.Slice((y - 1) * stride, rowBytes) : [];
                var filtered = PngRowFilter.Filter(row, prior, scratch);
                adler = Adler32.Update(adler, filtered);
                deflate.Write(filtered);
            }

            // Flush is a zlib sync flush: all input out, byte-aligned, no final block. What Dispose
            // adds after it (the final block) is cut off below; the gateway ends the stream once.
            deflate.Flush();
            length = output.Length;
        }

        return ExportStrip.Ok(output.GetBuffer().AsSpan(0, (int)length).ToArray(), adler, (long)rows * (rowBytes + 1));
    }

    // A whole baseline JPEG of the strip with 4:2:0 chroma (16 x 16 MCUs, as StripRows counts) at
    // one quality, so every strip of an image has the same quantisation; Skia optimises each
    // strip's Huffman tables, so the gateway re-codes the strips' blocks into one scan.
    private static ExportStrip EncodeJpeg(SKBitmap bitmap)
    {
        using var pixels = bitmap.PeekPixels();
        using var data = pixels.Encode(new SKJpegEncoderOptions(JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidOperationException("Skia could not encode a JPEG strip");
        return ExportStrip.Ok(data.ToArray(), Adler32.Initial, (long)bitmap.Height * bitmap.Width * 3);
    }

    private static ExportStrip EncodeTiff(SKBitmap bitmap)
    {
        int rowBytes = bitmap.Width * BytesPerPixel, stride = bitmap.RowBytes, rows = bitmap.Height;
        var pixels = bitmap.GetPixelSpan();
        byte[] row = new byte[rowBytes];
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < rows; y++)
            {
                var source = pixels.Slice(y * stride, rowBytes);
                source[..BytesPerPixel].CopyTo(row);
                for (int i = BytesPerPixel; i < rowBytes; i++)
                {
                    row[i] = (byte)(source[i] - source[i - BytesPerPixel]);
                }

                zlib.Write(row);
            }
        }

        return ExportStrip.Ok(output.ToArray(), Adler32.Initial, (long)rows * rowBytes);
    }
}
