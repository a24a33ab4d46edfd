using TileCluster.Rendering.Native;

namespace TileCluster.Rendering;

/// <summary>
/// An antialiased ARGB32 raster to draw a metatile on, backed by Cairo and Pango. Owned by one
/// render thread and reused for many metatiles: <see cref="Clear"/> resets it cheaply, and the
/// Pango layout and font descriptions are kept across renders.
/// </summary>
internal sealed class Canvas : IDisposable
{
    private readonly SafeCairoSurfaceHandle _surface;
    private readonly Dictionary<FontKey, SafePangoFontDescriptionHandle> _fonts = [];
    private SafeCairoHandle _cr;
    private SafeGObjectHandle _layout;
    private FontKey? _layoutFont;
    private string? _layoutText;
    private bool _disposed;

    /// <summary>Creates a <paramref name="widthPx"/> x <paramref name="heightPx"/> transparent canvas.</summary>
    public Canvas(int widthPx, int heightPx)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthPx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightPx);
        _surface = CairoNative.ImageSurfaceCreate(CairoNative.FormatArgb32, widthPx, heightPx);
        int status = CairoNative.SurfaceStatus(_surface);
        if (status != CairoNative.StatusSuccess)
        {
            _surface.Dispose();
            CairoNative.ThrowIfFailed(status, $"cairo_image_surface_create({widthPx}x{heightPx})");
        }

        Width = widthPx;
        Height = heightPx;
        (_cr, _layout) = CreateContext(_surface);
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Replaces every pixel with <paramref name="color"/> and resets path, transform and clip.</summary>
    public void Clear(Rgba color)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        // A Cairo context that hit an error ignores all further drawing, so a reused canvas gets a fresh one.
        if (CairoNative.Status(_cr) != CairoNative.StatusSuccess)
        {
            _layout.Dispose();
            _cr.Dispose();
            (_cr, _layout) = CreateContext(_surface);
            _layoutFont = null;
            _layoutText = null;
        }

        CairoNative.IdentityMatrix(_cr);
        CairoNative.ResetClip(_cr);
        CairoNative.NewPath(_cr);
        CairoNative.SetOperator(_cr, CairoNative.OperatorSource);
        SetSource(color);
        CairoNative.Paint(_cr);
        CairoNative.SetOperator(_cr, CairoNative.OperatorOver);
    }

    /// <summary>Starts a new, empty path.</summary>
    public void NewPath() => CairoNative.NewPath(_cr);

    /// <summary>Starts a sub-path at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public void MoveTo(double x, double y) => CairoNative.MoveTo(_cr, x, y);

    /// <summary>Adds a line to (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public void LineTo(double x, double y) => CairoNative.LineTo(_cr, x, y);

    /// <summary>Closes the current sub-path.</summary>
    public void ClosePath() => CairoNative.ClosePath(_cr);

    /// <summary>Fills the path with the even-odd rule (so inner rings punch holes).</summary>
    /// <param name="color">Fill colour.</param>
    /// <param name="preserve">Keep the path for a following stroke.</param>
    public void Fill(Rgba color, bool preserve = false)
    {
        SetSource(color);
        if (preserve)
        {
            CairoNative.FillPreserve(_cr);
        }
        else
        {
            CairoNative.Fill(_cr);
        }
    }

    /// <summary>Strokes the path.</summary>
    /// <param name="style">Colour, width, cap, join and dash pattern.</param>
    /// <param name="preserve">Keep the path for a following operation.</param>
    public void Stroke(StrokeStyle style, bool preserve = false)
    {
        if (!(style.Width > 0))
        {
            if (!preserve)
            {
                CairoNative.NewPath(_cr);
            }

            return;
        }

        SetSource(style.Color);
        CairoNative.SetLineWidth(_cr, style.Width);
        CairoNative.SetLineCap(_cr, (int)style.Cap);
        CairoNative.SetLineJoin(_cr, (int)style.Join);

        // Cairo puts the whole context into an error state on a bad dash, so treat one as solid.
        double[]? dash = IsValidDash(style.Dash) ? style.Dash : null;
        CairoNative.SetDash(_cr, dash, dash?.Length ?? 0, 0);
        if (preserve)
        {
            CairoNative.StrokePreserve(_cr);
        }
        else
        {
            CairoNative.Stroke(_cr);
        }
    }

    /// <summary>The logical size of <paramref name="text"/> laid out in <paramref name="style"/>'s font.</summary>
    public TextExtent MeasureText(string text, TextStyle style)
    {
        PangoRectangle logical = PrepareLayout(text, style);
        return new TextExtent((double)logical.Width / PangoNative.Scale, (double)logical.Height / PangoNative.Scale);
    }

    /// <summary>
    /// Draws a single-line label centred on (<paramref name="centerX"/>, <paramref name="centerY"/>),
    /// rotated by <paramref name="angleRadians"/> (clockwise, Cairo's convention), halo first.
    /// </summary>
    public void DrawText(string text, double centerX, double centerY, double angleRadians, TextStyle style)
    {
        PangoRectangle logical = PrepareLayout(text, style);
        double left = -(logical.X + (logical.Width / 2.0)) / PangoNative.Scale;
        double top = -(logical.Y + (logical.Height / 2.0)) / PangoNative.Scale;

        CairoNative.Save(_cr);
        CairoNative.NewPath(_cr);
        CairoNative.Translate(_cr, centerX, centerY);
        if (angleRadians != 0)
        {
            CairoNative.Rotate(_cr, angleRadians);
        }

        if (style.HaloRadius > 0 && style.HaloColor.A > 0)
        {
            CairoNative.MoveTo(_cr, left, top);
            PangoNative.CairoLayoutPath(_cr, _layout);
            SetSource(style.HaloColor);
            CairoNative.SetLineWidth(_cr, 2 * style.HaloRadius);
            CairoNative.SetLineJoin(_cr, (int)LineJoin.Round);
            CairoNative.SetDash(_cr, null, 0, 0);
            CairoNative.Stroke(_cr);
        }

        CairoNative.MoveTo(_cr, left, top);
        SetSource(style.Color);
        PangoNative.CairoShowLayout(_cr, _layout);
        CairoNative.NewPath(_cr);
        CairoNative.Restore(_cr);
    }

    /// <summary>
    /// The raster as Cairo ARGB32: premultiplied, native-endian 32-bit pixels (B, G, R, A bytes on
    /// little-endian), <paramref name="stride"/> bytes per row. Valid until the next drawing call.
    /// </summary>
    public ReadOnlySpan<byte> GetPixels(out int stride)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CairoNative.ThrowIfFailed(CairoNative.Status(_cr), "drawing on the canvas");
        CairoNative.SurfaceFlush(_surface);
        stride = CairoNative.ImageSurfaceGetStride(_surface);
        return CairoNative.ImageSurfaceGetData(_surface);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _layout.Dispose();
        foreach (SafePangoFontDescriptionHandle font in _fonts.Values)
        {
            font.Dispose();
        }

        _fonts.Clear();
        _cr.Dispose();
        _surface.Dispose();
    }

    private static (SafeCairoHandle Cr, SafeGObjectHandle Layout) CreateContext(SafeCairoSurfaceHandle surface)
    {
        SafeCairoHandle cr = CairoNative.Create(surface);
        CairoNative.ThrowIfFailed(CairoNative.Status(cr), "cairo_create");
        CairoNative.SetAntialias(cr, CairoNative.AntialiasDefault);
        CairoNative.SetFillRule(cr, CairoNative.FillRuleEvenOdd);

        // Unhinted metrics keep label widths independent of rotation, so a measured label fits
        // the same space when drawn along a rotated line. The layout takes the options from cr.
        using (SafeCairoFontOptionsHandle options = CairoNative.FontOptionsCreate())
        {
            CairoNative.FontOptionsSetHintMetrics(options, CairoNative.HintMetricsOff);
            CairoNative.SetFontOptions(cr, options);
        }

        SafeGObjectHandle layout = PangoNative.CairoCreateLayout(cr);
        if (layout.IsInvalid)
        {
            cr.Dispose();
            throw new InvalidOperationException("pango_cairo_create_layout failed");
        }

        return (cr, layout);
    }

    private static bool IsValidDash(double[]? dash)
    {
        if (dash is null || dash.Length == 0)
        {
            return false;
        }

        bool anyPositive = false;
        foreach (double d in dash)
        {
            if (!(d >= 0) || double.IsInfinity(d))
            {
                return false;
            }

            anyPositive |= d > 0;
        }

        return anyPositive;
    }

    private void SetSource(Rgba color) =>
        CairoNative.SetSourceRgba(_cr, color.R / 255.0, color.G / 255.0, color.B / 255.0, color.A / 255.0);

    // Re-setting text or font makes Pango shape again, so both are only pushed when they change
    // (the renderer typically measures a label and then draws the same one).
    private PangoRectangle PrepareLayout(string text, TextStyle style)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var key = new FontKey(style.FontFamily, style.SizePx, style.Bold, style.Italic);
        if (_layoutFont != key)
        {
            PangoNative.LayoutSetFontDescription(_layout, GetFont(key));
            _layoutFont = key;
        }

        if (!string.Equals(_layoutText, text, StringComparison.Ordinal))
        {
            PangoNative.LayoutSetText(_layout, text, -1);
            _layoutText = text;
        }

        PangoNative.LayoutGetExtents(_layout, IntPtr.Zero, out PangoRectangle logical);
        return logical;
    }

    private SafePangoFontDescriptionHandle GetFont(FontKey key)
    {
        if (!_fonts.TryGetValue(key, out SafePangoFontDescriptionHandle? font))
        {
            font = PangoNative.FontDescriptionNew();
            PangoNative.FontDescriptionSetFamily(font, key.Family);
            PangoNative.FontDescriptionSetAbsoluteSize(font, key.SizePx * PangoNative.Scale);
            PangoNative.FontDescriptionSetWeight(font, key.Bold ? PangoNative.WeightBold : PangoNative.WeightNormal);
            PangoNative.FontDescriptionSetStyle(font, key.Italic ? PangoNative.StyleItalic : PangoNative.StyleNormal);
            _fonts.Add(key, font);
        }

        return font;
    }

    private readonly record struct FontKey(string Family, double SizePx, bool Bold, bool Italic);
}
