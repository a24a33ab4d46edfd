using System.Runtime.InteropServices;

namespace TileCluster.Grains.Rendering.Native;

/// <summary>libimagequant (2.x C ABI): palette quantisation and remapping of RGBA bitmaps.</summary>
internal static unsafe partial class ImageQuantNative
{
    private const string Lib = "libimagequant.so.0";
    private const int LiqOk = 0;
    private const int MaxColors = 256;

    [LibraryImport(Lib, EntryPoint = "liq_attr_destroy")]
    public static partial void AttrDestroy(IntPtr attr);

    [LibraryImport(Lib, EntryPoint = "liq_image_destroy")]
    public static partial void ImageDestroy(IntPtr image);

    [LibraryImport(Lib, EntryPoint = "liq_result_destroy")]
    public static partial void ResultDestroy(IntPtr result);

    /// <summary>
    /// Quantises a straight-alpha RGBA bitmap (<paramref name="width"/> * 4 bytes per row) to at most
    /// 256 colours and writes one palette index per pixel. Returns the number of palette entries.
    /// </summary>
    public static int Quantize(
        ReadOnlySpan<byte> rgba,
        int width,
        int height,
        int speed,
        int minQuality,
        int maxQuality,
        float ditheringLevel,
        Span<byte> indices,
        Span<Rgba> palette)
    {
        long pixels = (long)width * height;
        if (rgba.Length < pixels * 4 || indices.Length < pixels || palette.Length < MaxColors)
        {
            throw new ArgumentException("buffers are smaller than the image");
        }

        using SafeLiqAttrHandle attr = AttrCreate();
        if (attr.IsInvalid)
        {
            throw new InvalidOperationException("liq_attr_create failed");
        }

        Check(SetMaxColors(attr, MaxColors), "liq_set_max_colors");
        Check(SetSpeed(attr, speed), "liq_set_speed");
        Check(SetQuality(attr, minQuality, maxQuality), "liq_set_quality");

        fixed (byte* bitmap = rgba)
        fixed (byte* output = indices)
        {
            // liq_image borrows the bitmap, so it must not outlive this fixed block.
            using SafeLiqImageHandle image = ImageCreateRgba(attr, bitmap, width, height, 0);
            if (image.IsInvalid)
            {
                throw new InvalidOperationException("liq_image_create_rgba rejected the bitmap");
            }

            Check(ImageQuantize(image, attr, out SafeLiqResultHandle result), "liq_image_quantize");
            using (result)
            {
                Check(SetDitheringLevel(result, ditheringLevel), "liq_set_dithering_level");
                Check(WriteRemappedImage(result, image, output, (nuint)pixels), "liq_write_remapped_image");
                LiqPalette* native = GetPalette(result);
                int count = (int)native->Count;
                for (int i = 0; i < count; i++)
                {
                    byte* c = native->Entries + (i * 4);
                    palette[i] = new Rgba(c[0], c[1], c[2], c[3]);
                }

                return count;
            }
        }
    }

    private static void Check(int error, string operation)
    {
        if (error != LiqOk)
        {
            throw new InvalidOperationException($"{operation} failed with liq_error {error}");
        }
    }

    [LibraryImport(Lib, EntryPoint = "liq_attr_create")]
    private static partial SafeLiqAttrHandle AttrCreate();

    [LibraryImport(Lib, EntryPoint = "liq_set_max_colors")]
    private static partial int SetMaxColors(SafeLiqAttrHandle attr, int colors);

    [LibraryImport(Lib, EntryPoint = "liq_set_speed")]
    private static partial int SetSpeed(SafeLiqAttrHandle attr, int speed);

    [LibraryImport(Lib, EntryPoint = "liq_set_quality")]
    private static partial int SetQuality(SafeLiqAttrHandle attr, int minimum, int maximum);

    [LibraryImport(Lib, EntryPoint = "liq_image_create_rgba")]
    private static partial SafeLiqImageHandle ImageCreateRgba(SafeLiqAttrHandle attr, byte* bitmap, int width, int height, double gamma);

    [LibraryImport(Lib, EntryPoint = "liq_image_quantize")]
    private static partial int ImageQuantize(SafeLiqImageHandle image, SafeLiqAttrHandle attr, out SafeLiqResultHandle result);

    [LibraryImport(Lib, EntryPoint = "liq_set_dithering_level")]
    private static partial int SetDitheringLevel(SafeLiqResultHandle result, float level);

    [LibraryImport(Lib, EntryPoint = "liq_write_remapped_image")]
    private static partial int WriteRemappedImage(SafeLiqResultHandle result, SafeLiqImageHandle image, byte* buffer, nuint bufferSize);

    [LibraryImport(Lib, EntryPoint = "liq_get_palette")]
    private static partial LiqPalette* GetPalette(SafeLiqResultHandle result);

    // liq_palette: unsigned count, then 256 liq_color {r, g, b, a}.
    [StructLayout(LayoutKind.Sequential)]
    private struct LiqPalette
    {
        public uint Count;
        public fixed byte Entries[MaxColors * 4];
    }
}
