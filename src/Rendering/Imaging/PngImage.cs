using SkiaSharp;

namespace TileCluster.Rendering.Imaging;

/// <summary>A decoded PNG, for tests and verification. Decoding goes through Skia's codec (libpng).</summary>
internal sealed class PngImage
{
    private readonly Rgba[] _pixels;

    private PngImage(int width, int height, Rgba[] pixels)
    {
        Width = width;
        Height = height;
        _pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Decodes any PNG Skia can read; throws <see cref="InvalidDataException"/> when it is not valid.</summary>
    public static unsafe PngImage Decode(ReadOnlySpan<byte> png)
    {
        using var data = SKData.CreateCopy(png);
        using var codec = SKCodec.Create(data) ?? throw new InvalidDataException("invalid PNG: not an image Skia can decode");
        if (codec.EncodedFormat != SKEncodedImageFormat.Png)
        {
            throw new InvalidDataException($"invalid PNG: the data is {codec.EncodedFormat}");
        }

        int width = codec.Info.Width, height = codec.Info.Height;
        var pixels = new Rgba[width * height];

        // Rgba is four bytes R, G, B, A: Skia's unpremultiplied RGBA_8888 decodes straight into it.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        fixed (Rgba* target = pixels)
        {
            var result = codec.GetPixels(info, (IntPtr)target);
            if (result != SKCodecResult.Success)
            {
                throw new InvalidDataException($"invalid PNG: {result}");
            }
        }

        return new PngImage(width, height, pixels);
    }

    /// <summary>The straight-alpha colour at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public Rgba GetPixel(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        return _pixels[(y * Width) + x];
    }
}
