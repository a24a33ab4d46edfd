using System.Runtime.InteropServices;

namespace TileCluster.Rendering.Native;

/// <summary>
/// The Cairo functions the renderer uses. Everything taking or returning a raw pointer is private
/// and wrapped so that callers outside this folder only see safe handles and spans.
/// </summary>
internal static unsafe partial class CairoNative
{
    /// <summary>CAIRO_FORMAT_ARGB32: premultiplied 32-bit, native-endian ARGB (BGRA bytes on little-endian).</summary>
    public const int FormatArgb32 = 0;

    /// <summary>CAIRO_FORMAT_RGB24: like ARGB32 with the alpha byte unused.</summary>
    public const int FormatRgb24 = 1;

    /// <summary>CAIRO_OPERATOR_SOURCE.</summary>
    public const int OperatorSource = 1;

    /// <summary>CAIRO_OPERATOR_OVER.</summary>
    public const int OperatorOver = 2;

    /// <summary>CAIRO_FILL_RULE_EVEN_ODD.</summary>
    public const int FillRuleEvenOdd = 1;

    /// <summary>CAIRO_ANTIALIAS_DEFAULT.</summary>
    public const int AntialiasDefault = 0;

    /// <summary>CAIRO_HINT_METRICS_OFF.</summary>
    public const int HintMetricsOff = 2;

    /// <summary>CAIRO_STATUS_SUCCESS.</summary>
    public const int StatusSuccess = 0;

    /// <summary>CAIRO_STATUS_READ_ERROR.</summary>
    public const int StatusReadError = 10;

    private const string Lib = "libcairo.so.2";

    [LibraryImport(Lib, EntryPoint = "cairo_image_surface_create")]
    public static partial SafeCairoSurfaceHandle ImageSurfaceCreate(int format, int width, int height);

    [LibraryImport(Lib, EntryPoint = "cairo_surface_status")]
    public static partial int SurfaceStatus(SafeCairoSurfaceHandle surface);

    [LibraryImport(Lib, EntryPoint = "cairo_surface_destroy")]
    public static partial void SurfaceDestroy(IntPtr surface);

    [LibraryImport(Lib, EntryPoint = "cairo_surface_flush")]
    public static partial void SurfaceFlush(SafeCairoSurfaceHandle surface);

    [LibraryImport(Lib, EntryPoint = "cairo_image_surface_get_stride")]
    public static partial int ImageSurfaceGetStride(SafeCairoSurfaceHandle surface);

    [LibraryImport(Lib, EntryPoint = "cairo_image_surface_get_width")]
    public static partial int ImageSurfaceGetWidth(SafeCairoSurfaceHandle surface);

    [LibraryImport(Lib, EntryPoint = "cairo_image_surface_get_height")]
    public static partial int ImageSurfaceGetHeight(SafeCairoSurfaceHandle surface);

    [LibraryImport(Lib, EntryPoint = "cairo_image_surface_get_format")]
    public static partial int ImageSurfaceGetFormat(SafeCairoSurfaceHandle surface);

    [LibraryImport(Lib, EntryPoint = "cairo_create")]
    public static partial SafeCairoHandle Create(SafeCairoSurfaceHandle target);

    [LibraryImport(Lib, EntryPoint = "cairo_destroy")]
    public static partial void Destroy(IntPtr cr);

    [LibraryImport(Lib, EntryPoint = "cairo_status")]
    public static partial int Status(SafeCairoHandle cr);

    [LibraryImport(Lib, EntryPoint = "cairo_save")]
    public static partial void Save(SafeCairoHandle cr);

    [LibraryImport(Lib, EntryPoint = "cairo_restore")]
    public static partial void Restore(SafeCairoHandle cr);

    [LibraryImport(Lib, EntryPoint = "cairo_set_source_rgba")]
    public static partial void SetSourceRgba(SafeCairoHandle cr, double red, double green, double blue, double alpha);

    [LibraryImport(Lib, EntryPoint = "cairo_set_operator")]
    public static partial void SetOperator(SafeCairoHandle cr, int op);

    [LibraryImport(Lib, EntryPoint = "cairo_set_antialias")]
    public static partial void SetAntialias(SafeCairoHandle cr, int antialias);

    [LibraryImport(Lib, EntryPoint = "cairo_set_fill_rule")]
    public static partial void SetFillRule(SafeCairoHandle cr, int fillRule);

    [LibraryImport(Lib, EntryPoint = "cairo_set_line_width")]
    public static partial void SetLineWidth(SafeCairoHandle cr, double width);

    [LibraryImport(Lib, EntryPoint = "cairo_set_line_cap")]
    public static partial void SetLineCap(SafeCairoHandle cr, int lineCap);

    [LibraryImport(Lib, EntryPoint = "cairo_set_line_join")]
    public static partial void SetLineJoin(SafeCairoHandle cr, int lineJoin);

    [LibraryImport(Lib, EntryPoint = "cairo_set_dash")]
    public static partial void SetDash(SafeCairoHandle cr, [In] double[]? dashes, int numDashes, double offset);

    [LibraryImport(Lib, EntryPoint = "cairo_identity_matrix")]
    public static partial void IdentityMatrix(SafeCairoHandle cr);

    [LibraryImport(Lib, EntryPoint = "cairo_translate")]
    public static partial void Translate(SafeCairoHandle cr, double tx, double ty);

    [LibraryImport(Lib, EntryPoint = "cairo_rotate")]
    public static partial void Rotate(SafeCairoHandle cr, double angle);

    [LibraryImport(Lib, EntryPoint = "cairo_reset_clip")]
    public static partial void ResetClip(SafeCairoHandle cr);

    [LibraryImport(Lib, EntryPoint = "cairo_paint")]
    public static partial void Paint(SafeCairoHandle cr);

    [LibraryImport(Lib, EntryPoint = "cairo_new_path")]
    public static partial void NewPath(SafeCairoHandle cr);

    [LibraryImport(Lib, EntryPoint = "cairo_move_to")]
    public static partial void MoveTo(SafeCairoHandle cr, double x, double y);

    [LibraryImport(Lib, EntryPoint = "cairo_line_to")]
    public static partial void LineTo(SafeCairoHandle cr, double x, double y);

    [LibraryImport(Lib, EntryPoint = "cairo_close_path")]
    public static partial void ClosePath(SafeCairoHandle cr);

    [LibraryImport(Lib, EntryPoint = "cairo_fill")]
    public static partial void Fill(SafeCairoHandle cr);

    [LibraryImport(Lib, EntryPoint = "cairo_fill_preserve")]
    public static partial void FillPreserve(SafeCairoHandle cr);

    [LibraryImport(Lib, EntryPoint = "cairo_stroke")]
    public static partial void Stroke(SafeCairoHandle cr);

    [LibraryImport(Lib, EntryPoint = "cairo_stroke_preserve")]
    public static partial void StrokePreserve(SafeCairoHandle cr);

    [LibraryImport(Lib, EntryPoint = "cairo_font_options_create")]
    public static partial SafeCairoFontOptionsHandle FontOptionsCreate();

    [LibraryImport(Lib, EntryPoint = "cairo_font_options_destroy")]
    public static partial void FontOptionsDestroy(IntPtr options);

    [LibraryImport(Lib, EntryPoint = "cairo_font_options_set_hint_metrics")]
    public static partial void FontOptionsSetHintMetrics(SafeCairoFontOptionsHandle options, int hintMetrics);

    [LibraryImport(Lib, EntryPoint = "cairo_set_font_options")]
    public static partial void SetFontOptions(SafeCairoHandle cr, SafeCairoFontOptionsHandle options);

    /// <summary>
    /// The pixel data of an image surface (stride * height bytes). Valid until the surface is
    /// destroyed; callers must flush first and must not keep the span past the surface's life.
    /// </summary>
    public static Span<byte> ImageSurfaceGetData(SafeCairoSurfaceHandle surface)
    {
        byte* data = ImageSurfaceGetDataRaw(surface);
        if (data == null)
        {
            throw new InvalidOperationException("cairo surface has no pixel data");
        }

        int length = checked(ImageSurfaceGetStride(surface) * ImageSurfaceGetHeight(surface));
        return new Span<byte>(data, length);
    }

    /// <summary>Cairo's description of a status code.</summary>
    public static string StatusToString(int status) =>
        Marshal.PtrToStringUTF8((IntPtr)StatusToStringRaw(status)) ?? $"cairo status {status}";

    /// <summary>Throws when <paramref name="status"/> is not CAIRO_STATUS_SUCCESS.</summary>
    public static void ThrowIfFailed(int status, string operation)
    {
        if (status != StatusSuccess)
        {
            throw new InvalidOperationException($"{operation} failed: {StatusToString(status)}");
        }
    }

    [LibraryImport(Lib, EntryPoint = "cairo_image_surface_get_data")]
    private static partial byte* ImageSurfaceGetDataRaw(SafeCairoSurfaceHandle surface);

    // The returned string is static; marshalling it as string would free it.
    [LibraryImport(Lib, EntryPoint = "cairo_status_to_string")]
    private static partial byte* StatusToStringRaw(int status);
}
