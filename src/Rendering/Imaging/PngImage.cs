using System.Buffers.Binary;
using TileCluster.Rendering.Native;

namespace TileCluster.Rendering.Imaging;

/// <summary>A decoded PNG, for tests and verification. Decoding goes through Cairo (libpng).</summary>
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

    /// <summary>Decodes any PNG Cairo can read; throws <see cref="InvalidDataException"/> when it is not valid.</summary>
    public static PngImage Decode(ReadOnlySpan<byte> png)
    {
        using SafeCairoSurfaceHandle surface = CairoPngReader.Decode(png);
        int width = CairoNative.ImageSurfaceGetWidth(surface);
        int height = CairoNative.ImageSurfaceGetHeight(surface);
        int stride = CairoNative.ImageSurfaceGetStride(surface);
        bool hasAlpha = CairoNative.ImageSurfaceGetFormat(surface) == CairoNative.FormatArgb32;
        CairoNative.SurfaceFlush(surface);
        ReadOnlySpan<byte> data = CairoNative.ImageSurfaceGetData(surface);

        var pixels = new Rgba[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                uint argb = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice((y * stride) + (x * 4), 4));
                byte a = hasAlpha ? (byte)(argb >> 24) : (byte)255;
                pixels[(y * width) + x] = new Rgba(Unpremultiply((byte)(argb >> 16), a), Unpremultiply((byte)(argb >> 8), a), Unpremultiply((byte)argb, a), a);
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

    private static byte Unpremultiply(byte value, byte alpha) => alpha switch
    {
        255 => value,
        0 => 0,
        _ => (byte)Math.Min(255, ((value * 255) + (alpha / 2)) / alpha),
    };
}
