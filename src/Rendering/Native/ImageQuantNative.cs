using System.Runtime.InteropServices;

namespace TileCluster.Rendering.Native;

/// <summary>libimagequant (2.x C ABI): palette quantisation and remapping of RGBA bitmaps.</summary>
internal static unsafe partial class ImageQuantNative
{
    private const string Lib = "libimagequant.so.0";
    private const int LiqOk = 0;
    private const int MaxColors = 256;

    // Debian's libimagequant runs its loops on an OpenMP team (libgomp) of one thread per core,
    // whose threads spin after every parallel loop. Renders already run one per core on the
    // render pool, so the team only oversubscribes the cores: measured with
    // bench/Rendering.Benchmarks it cost ~18 ms of CPU per metatile on other threads, about 10 %
    // of the process's CPU, for no change in the tiles. libgomp reads OMP_NUM_THREADS once,
    // when it is loaded with libimagequant on the first call below, so it is set before that
    // (natively: .NET's Environment does not reach getenv), unless the operator has set it.
    static ImageQuantNative()
    {
        if (SetEnv("OMP_NUM_THREADS", "1", overwrite: 0) != 0)
        {
            throw new InvalidOperationException($"setenv(OMP_NUM_THREADS) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

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

        using SafeLiqAttrHandle attr = CreateAttr(speed, minQuality, maxQuality);

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
                return CopyPalette(result, palette);
            }
        }
    }

    /// <summary>
    /// Builds a palette of at most 256 colours from a histogram of distinct straight-alpha RGBA
    /// colours (packed little-endian: r | g &lt;&lt; 8 | b &lt;&lt; 16 | a &lt;&lt; 24) and their pixel counts.
    /// Much cheaper than quantising the image: map tiles hold tens of thousands of distinct
    /// colours, not millions. Returns the number of palette entries.
    /// </summary>
    public static int QuantizeHistogram(ReadOnlySpan<uint> colors, ReadOnlySpan<uint> counts, int speed, int minQuality, int maxQuality, Span<Rgba> palette)
    {
        if (colors.Length != counts.Length || palette.Length < MaxColors)
        {
            throw new ArgumentException("histogram and palette buffers do not match");
        }

        using SafeLiqAttrHandle attr = CreateAttr(speed, minQuality, maxQuality);
        using SafeLiqHistogramHandle histogram = HistogramCreate(attr);
        if (histogram.IsInvalid)
        {
            throw new InvalidOperationException("liq_histogram_create failed");
        }

        const int Chunk = 4096;
        var entries = new LiqHistogramEntry[Math.Min(Chunk, Math.Max(1, colors.Length))];
        for (int start = 0; start < colors.Length; start += Chunk)
        {
            int n = Math.Min(Chunk, colors.Length - start);
            for (int i = 0; i < n; i++)
            {
                entries[i] = new LiqHistogramEntry(colors[start + i], counts[start + i]);
            }

            fixed (LiqHistogramEntry* e = entries)
            {
                Check(HistogramAddColors(histogram, attr, e, n, 0), "liq_histogram_add_colors");
            }
        }

        Check(HistogramQuantize(histogram, attr, out SafeLiqResultHandle result), "liq_histogram_quantize");
        using (result)
        {
            return CopyPalette(result, palette);
        }
    }

    private static SafeLiqAttrHandle CreateAttr(int speed, int minQuality, int maxQuality)
    {
        var attr = AttrCreate();
        if (attr.IsInvalid)
        {
            attr.Dispose();
            throw new InvalidOperationException("liq_attr_create failed");
        }

        try
        {
            Check(SetMaxColors(attr, MaxColors), "liq_set_max_colors");
            Check(SetSpeed(attr, speed), "liq_set_speed");
            Check(SetQuality(attr, minQuality, maxQuality), "liq_set_quality");
            return attr;
        }
        catch
        {
            attr.Dispose();
            throw;
        }
    }

    private static int CopyPalette(SafeLiqResultHandle result, Span<Rgba> palette)
    {
        LiqPalette* native = GetPalette(result);
        int count = (int)native->Count;
        for (int i = 0; i < count; i++)
        {
            byte* c = native->Entries + (i * 4);
            palette[i] = new Rgba(c[0], c[1], c[2], c[3]);
        }

        return count;
    }

    private static void Check(int error, string operation)
    {
        if (error != LiqOk)
        {
            throw new InvalidOperationException($"{operation} failed with liq_error {error}");
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnv(string name, string value, int overwrite);

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

    [LibraryImport(Lib, EntryPoint = "liq_histogram_create")]
    private static partial SafeLiqHistogramHandle HistogramCreate(SafeLiqAttrHandle attr);

    [LibraryImport(Lib, EntryPoint = "liq_histogram_add_colors")]
    private static partial int HistogramAddColors(SafeLiqHistogramHandle histogram, SafeLiqAttrHandle attr, LiqHistogramEntry* entries, int count, double gamma);

    [LibraryImport(Lib, EntryPoint = "liq_histogram_quantize")]
    private static partial int HistogramQuantize(SafeLiqHistogramHandle histogram, SafeLiqAttrHandle attr, out SafeLiqResultHandle result);

    [LibraryImport(Lib, EntryPoint = "liq_histogram_destroy")]
    public static partial void HistogramDestroy(IntPtr histogram);

    // liq_histogram_entry: liq_color {r, g, b, a}, unsigned count.
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct LiqHistogramEntry(uint rgba, uint count)
    {
        public readonly uint Rgba = rgba;
        public readonly uint Count = count;
    }

    // liq_palette: unsigned count, then 256 liq_color {r, g, b, a}.
    [StructLayout(LayoutKind.Sequential)]
    private struct LiqPalette
    {
        public uint Count;
        public fixed byte Entries[MaxColors * 4];
    }
}
