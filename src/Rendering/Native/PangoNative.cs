using System.Runtime.InteropServices;

namespace TileCluster.Rendering.Native;

/// <summary>The Pango and PangoCairo functions used for labels. Strings go to Pango as UTF-8.</summary>
internal static partial class PangoNative
{
    /// <summary>PANGO_SCALE: Pango units per pixel.</summary>
    public const int Scale = 1024;

    /// <summary>PANGO_WEIGHT_NORMAL.</summary>
    public const int WeightNormal = 400;

    /// <summary>PANGO_WEIGHT_BOLD.</summary>
    public const int WeightBold = 700;

    /// <summary>PANGO_STYLE_NORMAL.</summary>
    public const int StyleNormal = 0;

    /// <summary>PANGO_STYLE_ITALIC.</summary>
    public const int StyleItalic = 2;

    private const string Lib = "libpango-1.0.so.0";
    private const string CairoLib = "libpangocairo-1.0.so.0";

    [LibraryImport(CairoLib, EntryPoint = "pango_cairo_create_layout")]
    public static partial SafeGObjectHandle CairoCreateLayout(SafeCairoHandle cr);

    [LibraryImport(CairoLib, EntryPoint = "pango_cairo_show_layout")]
    public static partial void CairoShowLayout(SafeCairoHandle cr, SafeGObjectHandle layout);

    [LibraryImport(CairoLib, EntryPoint = "pango_cairo_layout_path")]
    public static partial void CairoLayoutPath(SafeCairoHandle cr, SafeGObjectHandle layout);

    [LibraryImport(Lib, EntryPoint = "pango_layout_set_text", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void LayoutSetText(SafeGObjectHandle layout, string text, int length);

    [LibraryImport(Lib, EntryPoint = "pango_layout_set_font_description")]
    public static partial void LayoutSetFontDescription(SafeGObjectHandle layout, SafePangoFontDescriptionHandle description);

    [LibraryImport(Lib, EntryPoint = "pango_layout_get_extents")]
    public static partial void LayoutGetExtents(SafeGObjectHandle layout, IntPtr inkRect, out PangoRectangle logicalRect);

    [LibraryImport(Lib, EntryPoint = "pango_font_description_new")]
    public static partial SafePangoFontDescriptionHandle FontDescriptionNew();

    [LibraryImport(Lib, EntryPoint = "pango_font_description_free")]
    public static partial void FontDescriptionFree(IntPtr description);

    [LibraryImport(Lib, EntryPoint = "pango_font_description_set_family", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void FontDescriptionSetFamily(SafePangoFontDescriptionHandle description, string family);

    [LibraryImport(Lib, EntryPoint = "pango_font_description_set_absolute_size")]
    public static partial void FontDescriptionSetAbsoluteSize(SafePangoFontDescriptionHandle description, double size);

    [LibraryImport(Lib, EntryPoint = "pango_font_description_set_weight")]
    public static partial void FontDescriptionSetWeight(SafePangoFontDescriptionHandle description, int weight);

    [LibraryImport(Lib, EntryPoint = "pango_font_description_set_style")]
    public static partial void FontDescriptionSetStyle(SafePangoFontDescriptionHandle description, int style);
}
