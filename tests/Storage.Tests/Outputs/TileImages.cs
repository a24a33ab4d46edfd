using SkiaSharp;

namespace TileCluster.Storage.Tests.Outputs;

/// <summary>Test tiles whose pixels tell which tile they are and which way up they lie.</summary>
internal static class TileImages
{
    /// <summary>
    /// A 256 px PNG in a colour of its own coordinate, with a white top-left quadrant and a black
    /// square near the bottom-right corner, so a wrong tile and a flipped tile both show.
    /// </summary>
    public static byte[] Create(int z, int x, int y)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(256, 256, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor((byte)(x * 37), (byte)(y * 53), (byte)(z * 16)));
            using var white = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(0, 0, 128, 128, white);
            using var black = new SKPaint { Color = SKColors.Black };
            canvas.DrawRect(200, 220, 40, 20, black);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The red, green and blue bytes of every pixel of a PNG file, row by row.</summary>
    public static byte[] Rgb(string path)
    {
        using var decoded = SKBitmap.Decode(path) ?? throw new InvalidDataException($"{path} is not an image");
        using var rgba = new SKBitmap(new SKImageInfo(decoded.Width, decoded.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Assert.True(decoded.CopyTo(rgba, SKColorType.Rgba8888), $"{path} could not be converted to RGBA");
        var bytes = rgba.GetPixelSpan();
        byte[] rgb = new byte[decoded.Width * decoded.Height * 3];
        for (int i = 0, j = 0; i < bytes.Length; i += 4, j += 3)
        {
            rgb[j] = bytes[i];
            rgb[j + 1] = bytes[i + 1];
            rgb[j + 2] = bytes[i + 2];
        }

        return rgb;
    }
}
