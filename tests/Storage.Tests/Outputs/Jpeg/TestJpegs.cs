using SkiaSharp;

namespace TileCluster.Storage.Tests.Outputs.Jpeg;

/// <summary>Pictures to encode with Skia's JPEG encoder, as the silos do, and their pixels compared.</summary>
internal static class TestJpegs
{
    /// <summary>Colour gradients and antialiased hard edges that cross strip and block boundaries: blocks that all differ.</summary>
    public static SKBitmap Picture(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(bitmap);
        using var gradient = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [SKColors.SeaGreen, SKColors.Orange, SKColors.Navy], SKShaderTileMode.Clamp);
        using var paint = new SKPaint { Shader = gradient };
        canvas.DrawRect(0, 0, width, height, paint);
        using var stroke = new SKPaint { Color = SKColors.Crimson, IsAntialias = true, StrokeWidth = 3, Style = SKPaintStyle.Stroke };
        canvas.DrawLine(0, 0, width, height, stroke);
        canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, stroke);
        canvas.Flush();
        return bitmap;
    }

    /// <summary>Rows <paramref name="top"/> to <paramref name="top"/> + <paramref name="rows"/> of <paramref name="image"/> as a JPEG.</summary>
    public static byte[] Encode(SKBitmap image, int top, int rows, SKJpegEncoderOptions options)
    {
        using var strip = new SKBitmap(new SKImageInfo(image.Width, rows, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Assert.True(image.ExtractSubset(strip, SKRectI.Create(0, top, image.Width, rows)));
        using var copy = strip.Copy();
        using var pixels = copy.PeekPixels();
        using var data = pixels.Encode(options) ?? throw new InvalidDataException("Skia cannot encode the JPEG");
        return data.ToArray();
    }

    /// <summary>How many pixels of the two decoded JPEGs differ; both must decode at the same size.</summary>
    public static int DifferingPixels(byte[] expected, byte[] actual)
    {
        using var a = SKBitmap.Decode(expected) ?? throw new InvalidDataException("Skia cannot decode the expected JPEG");
        using var b = SKBitmap.Decode(actual) ?? throw new InvalidDataException("Skia cannot decode the JPEG");
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        int differing = 0;
        for (int y = 0; y < a.Height; y++)
        {
            for (int x = 0; x < a.Width; x++)
            {
                differing += a.GetPixel(x, y) == b.GetPixel(x, y) ? 0 : 1;
            }
        }

        return differing;
    }
}
