using SkiaSharp;
using TileCluster.Rendering.Labels;
using TileCluster.Rendering.Text;

namespace TileCluster.Rendering;

/// <summary>
/// An antialiased raster to draw a metatile on, backed by Skia. Its pixels are premultiplied
/// B, G, R, A bytes (Skia's <see cref="SKColorType.Bgra8888"/>), which is what the encoders read.
/// Owned by one render thread and reused for many metatiles: <see cref="Clear"/> resets it, and
/// the paints, the path builder and the dash effects are kept across renders.
/// </summary>
internal sealed class Canvas : IDisposable
{
    private readonly SKBitmap? _bitmap;
    private readonly SKCanvas _canvas;
    private readonly SKPathBuilder _path = new();
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };
    private readonly SKPaint _halo = new() { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeJoin = SKStrokeJoin.Round, StrokeCap = SKStrokeCap.Round };
    private readonly Dictionary<StrokeStyle, SKPathEffect?> _dashes = new(ReferenceEqualityComparer.Instance);
    private readonly SKTextBlobBuilder _blobs = new();
    private readonly SKPathBuilder _haloPath = new();
    private readonly Dictionary<(SKFont Font, ushort Glyph), SKPath?> _glyphPaths = [];
    private readonly bool _ownsCanvas = true;

    // Outlines kept for the halos of line labels; past this many the cache starts again.
    private const int MaxGlyphPaths = 16384;
    private bool _disposed;

    /// <summary>Creates a <paramref name="widthPx"/> x <paramref name="heightPx"/> transparent canvas.</summary>
    public Canvas(int widthPx, int heightPx)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthPx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightPx);
        _bitmap = new SKBitmap(new SKImageInfo(widthPx, heightPx, SKColorType.Bgra8888, SKAlphaType.Premul));
        if (_bitmap.GetPixels() == IntPtr.Zero)
        {
            _bitmap.Dispose();
            throw new InvalidOperationException($"cannot allocate a {widthPx}x{heightPx} canvas");
        }

        _canvas = new SKCanvas(_bitmap);
        _canvas.Clear(SKColors.Transparent);
        _path.FillType = SKPathFillType.EvenOdd;
        Width = widthPx;
        Height = heightPx;
    }

    /// <summary>
    /// Draws onto <paramref name="target"/> (a PDF page, an SVG document, a caller's bitmap), which the
    /// caller owns and disposes; <see cref="GetPixels"/> is not available.
    /// </summary>
    public Canvas(SKCanvas target, int widthPx, int heightPx)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthPx);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightPx);
        _canvas = target;
        _ownsCanvas = false;
        _path.FillType = SKPathFillType.EvenOdd;
        Width = widthPx;
        Height = heightPx;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Replaces every pixel with <paramref name="color"/> and resets the path, transform and clip.</summary>
    public void Clear(Rgba color)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _canvas.RestoreToCount(1);
        _canvas.ResetMatrix();
        NewPath();
        _canvas.Clear(ToColor(color));
    }

    /// <summary>
    /// Limits drawing to the whole-pixel rectangle from (<paramref name="left"/>, <paramref name="top"/>) to
    /// (<paramref name="right"/>, <paramref name="bottom"/>) until the next <see cref="Clear"/>. Pixels inside
    /// come out exactly as without the clip; Skia skips whatever lies wholly outside and blits nothing there.
    /// </summary>
    public void ClipTo(int left, int top, int right, int bottom)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _canvas.Save();
        _canvas.ClipRect(new SKRect(left, top, right, bottom), SKClipOperation.Intersect, antialias: false);
    }

    /// <summary>Starts a new, empty path.</summary>
    public void NewPath()
    {
        _path.Reset();
        _path.FillType = SKPathFillType.EvenOdd;
    }

    /// <summary>Starts a sub-path at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public void MoveTo(double x, double y) => _path.MoveTo((float)x, (float)y);

    /// <summary>Adds a line to (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public void LineTo(double x, double y) => _path.LineTo((float)x, (float)y);

    /// <summary>Closes the current sub-path.</summary>
    public void ClosePath() => _path.Close();

    /// <summary>Fills the path with the even-odd rule (so inner rings punch holes).</summary>
    /// <param name="color">Fill colour.</param>
    /// <param name="preserve">Keep the path for a following stroke.</param>
    public void Fill(Rgba color, bool preserve = false)
    {
        _fill.Color = ToColor(color);
        using var path = TakePath(preserve);
        _canvas.DrawPath(path, _fill);
    }

    /// <summary>Fills the axis-aligned rectangle at (<paramref name="x"/>, <paramref name="y"/>) with <paramref name="color"/>.</summary>
    public void FillRectangle(double x, double y, double width, double height, Rgba color)
    {
        NewPath();
        MoveTo(x, y);
        LineTo(x + width, y);
        LineTo(x + width, y + height);
        LineTo(x, y + height);
        ClosePath();
        Fill(color);
    }

    /// <summary>Strokes the path.</summary>
    /// <param name="style">Colour, width, cap, join and dash pattern.</param>
    /// <param name="preserve">Keep the path for a following operation.</param>
    public void Stroke(StrokeStyle style, bool preserve = false)
    {
        using var path = TakePath(preserve);
        if (!(style.Width > 0))
        {
            return;
        }

        _stroke.Color = ToColor(style.Color);
        _stroke.StrokeWidth = (float)style.Width;
        _stroke.StrokeCap = style.Cap switch
        {
            LineCap.Round => SKStrokeCap.Round,
            LineCap.Square => SKStrokeCap.Square,
            _ => SKStrokeCap.Butt,
        };
        _stroke.StrokeJoin = style.Join switch
        {
            LineJoin.Miter => SKStrokeJoin.Miter,
            LineJoin.Bevel => SKStrokeJoin.Bevel,
            _ => SKStrokeJoin.Round,
        };
        _stroke.PathEffect = DashFor(style);
        _canvas.DrawPath(path, _stroke);
    }

    /// <summary>
    /// Draws a shaped single-line label centred on (<paramref name="centerX"/>,
    /// <paramref name="centerY"/>), halo first.
    /// </summary>
    public void DrawText(ShapedText text, double centerX, double centerY, TextStyle style)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        float left = -text.Width / 2, baseline = text.BaselineFromCenter;
        bool halo = BeginHalo(style);
        foreach (var run in text.Runs)
        {
            var buffer = _blobs.AllocatePositionedRun(run.Font, run.Glyphs.Length);
            var glyphs = buffer.Glyphs;
            var positions = buffer.Positions;
            for (int i = 0; i < run.Glyphs.Length; i++)
            {
                glyphs[i] = run.Glyphs[i];
                positions[i] = new SKPoint(left + run.X[i], baseline + run.Y[i]);
                if (halo)
                {
                    AddToHalo(run.Font, run.Glyphs[i], SKMatrix.CreateTranslation((float)centerX + positions[i].X, (float)centerY + positions[i].Y));
                }
            }
        }

        EndHalo(halo, style);
        DrawBlob((float)centerX, (float)centerY, style);
    }

    /// <summary>
    /// Draws a shaped label glyph by glyph along <paramref name="points"/> (x0, y0, x1, y1, ...),
    /// centred on <paramref name="position"/>'s stretch and following its bends, halo first.
    /// </summary>
    public void DrawTextAlong(ShapedText text, ReadOnlySpan<double> points, in LinePosition position, TextStyle style)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        double offset = (position.Length - text.Width) / 2;
        double baseline = text.BaselineFromCenter;
        bool halo = BeginHalo(style);
        foreach (var run in text.Runs)
        {
            var buffer = _blobs.AllocateRotationScaleRun(run.Font, run.Glyphs.Length);
            var glyphs = buffer.Glyphs;
            var transforms = buffer.Positions;
            for (int i = 0; i < run.Glyphs.Length; i++)
            {
                // Each glyph sits on the line at its middle, turned to the line's direction there.
                double half = run.Advances[i] / 2;
                double along = offset + run.X[i] + half;
                double distance = position.Reversed ? position.Start + position.Length - along : position.Start + along;
                var (x, y, angle) = LinePlacement.PointAt(points, distance);
                if (position.Reversed)
                {
                    angle += Math.PI;
                }

                double cos = Math.Cos(angle), sin = Math.Sin(angle);
                double up = baseline + run.Y[i];
                glyphs[i] = run.Glyphs[i];
                transforms[i] = new SKRotationScaleMatrix(
                    (float)cos, (float)sin, (float)(x - (half * cos) - (up * sin)), (float)(y - (half * sin) + (up * cos)));
                if (halo)
                {
                    var t = transforms[i];
                    AddToHalo(run.Font, run.Glyphs[i], new SKMatrix(t.SCos, -t.SSin, t.TX, t.SSin, t.SCos, t.TY, 0, 0, 1));
                }
            }
        }

        EndHalo(halo, style);
        DrawBlob(0, 0, style);
    }

    /// <summary>
    /// A copy of the <paramref name="sizePx"/> square from (<paramref name="left"/>, <paramref name="top"/>),
    /// which stays as it is while this canvas draws on: the caller disposes it.
    /// </summary>
    public SKImage CopyArea(int left, int top, int sizePx)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_bitmap is null)
        {
            throw new InvalidOperationException("this canvas draws onto a caller's SKCanvas and has no pixels of its own");
        }

        _canvas.Flush();
        using var subset = new SKBitmap();
        if (!_bitmap.ExtractSubset(subset, new SKRectI(left, top, left + sizePx, top + sizePx)))
        {
            throw new ArgumentOutOfRangeException(nameof(sizePx), $"a {sizePx} px square at ({left}, {top}) is not inside the {Width}x{Height} canvas");
        }

        // A mutable bitmap's pixels are copied into the image.
        return SKImage.FromBitmap(subset);
    }

    /// <summary>
    /// Combines <paramref name="image"/>, drawn at (0, 0) and kept only where <paramref name="mask"/>
    /// (when given) has alpha, with what the canvas holds: its alpha multiplied by
    /// <paramref name="opacity"/>, then blended with <paramref name="mode"/>.
    /// </summary>
    public void Blend(SKImage image, SKImage? mask, double opacity, SKBlendMode mode)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        // The member is composed on a layer of its own (masked there), and the layer joins the
        // canvas with the opacity and blend mode, as a sandwich draws one slice over the others.
        using var layerPaint = new SKPaint { Color = SKColors.Black.WithAlpha(ToAlpha(opacity)), BlendMode = mode };
        _canvas.SaveLayer(layerPaint);
        _canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        if (mask is not null)
        {
            using var maskPaint = new SKPaint { BlendMode = SKBlendMode.DstIn };
            _canvas.DrawImage(mask, 0, 0, SKSamplingOptions.Default, maskPaint);
        }

        _canvas.Restore();
    }

    /// <summary>Combines a canvas-wide fill of <paramref name="color"/> (its alpha multiplied by <paramref name="opacity"/>) with what the canvas holds, by <paramref name="mode"/>, kept only where <paramref name="mask"/> (when given) has alpha.</summary>
    public void BlendColor(Rgba color, SKImage? mask, double opacity, SKBlendMode mode)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var layerPaint = new SKPaint { Color = SKColors.Black.WithAlpha(ToAlpha(opacity)), BlendMode = mode };
        _canvas.SaveLayer(layerPaint);
        _canvas.DrawColor(ToColor(color), SKBlendMode.Src);
        if (mask is not null)
        {
            using var maskPaint = new SKPaint { BlendMode = SKBlendMode.DstIn };
            _canvas.DrawImage(mask, 0, 0, SKSamplingOptions.Default, maskPaint);
        }

        _canvas.Restore();
    }

    /// <summary>
    /// The raster as premultiplied B, G, R, A bytes (Cairo's ARGB32 layout on little-endian),
    /// <paramref name="stride"/> bytes per row. Valid until the next drawing call.
    /// </summary>
    public ReadOnlySpan<byte> GetPixels(out int stride)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_bitmap is null)
        {
            throw new InvalidOperationException("this canvas draws onto a caller's SKCanvas and has no pixels of its own");
        }

        _canvas.Flush();
        stride = _bitmap.RowBytes;
        return _bitmap.GetPixelSpan();
    }

    /// <summary>The raster as a Skia pixmap for Skia's encoders (JPEG, WebP); the caller disposes it. Valid until the next drawing call.</summary>
    public SKPixmap PeekPixels()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_bitmap is null)
        {
            throw new InvalidOperationException("this canvas draws onto a caller's SKCanvas and has no pixels of its own");
        }

        _canvas.Flush();
        return _bitmap.PeekPixels();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var dash in _dashes.Values)
        {
            dash?.Dispose();
        }

        _dashes.Clear();
        ForgetGlyphPaths();
        _haloPath.Dispose();
        _blobs.Dispose();
        _halo.Dispose();
        _stroke.Dispose();
        _fill.Dispose();
        _path.Dispose();
        if (_ownsCanvas)
        {
            _canvas.Dispose();
            _bitmap?.Dispose();
        }
    }

    private static SKColor ToColor(Rgba color) => new(color.R, color.G, color.B, color.A);

    private static byte ToAlpha(double opacity) => (byte)Math.Round(Math.Clamp(opacity, 0, 1) * 255);

    private static bool IsValidDash(double[]? dash)
    {
        if (dash is null || dash.Length == 0 || dash.Length % 2 != 0)
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

    private SKPath TakePath(bool preserve)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (preserve)
        {
            return _path.Snapshot();
        }

        var path = _path.Detach();
        _path.FillType = SKPathFillType.EvenOdd;
        return path;
    }

    // Stroke styles are built once per layer plan and scale, so their dash effects are too.
    private SKPathEffect? DashFor(StrokeStyle style)
    {
        if (!_dashes.TryGetValue(style, out var effect))
        {
            effect = IsValidDash(style.Dash) ? SKPathEffect.CreateDash(Array.ConvertAll(style.Dash!, d => (float)d), 0) : null;
            _dashes.Add(style, effect);
        }

        return effect;
    }

    // A label's halo is one outline, its glyphs' outlines placed and joined, stroked once under the
    // glyphs: a translucent halo is then one even layer where the letters' halos meet, and glyphs
    // turned along a line are not stroked one by one (Skia fetched and stroked each turned glyph's
    // outline on its own, ~94 % of the label phase).
    private bool BeginHalo(TextStyle style)
    {
        _haloPath.Reset();
        return style.HaloRadius > 0 && style.HaloColor.A > 0;
    }

    private void AddToHalo(SKFont font, ushort glyph, in SKMatrix placement)
    {
        if (GlyphPath(font, glyph) is { } outline)
        {
            _haloPath.AddPath(outline, in placement, SKPathAddMode.Append);
        }
    }

    private void EndHalo(bool halo, TextStyle style)
    {
        if (!halo)
        {
            return;
        }

        using var outline = _haloPath.Detach();
        _halo.Color = ToColor(style.HaloColor);
        _halo.StrokeWidth = (float)(2 * style.HaloRadius);
        _canvas.DrawPath(outline, _halo);
    }

    private void DrawBlob(float x, float y, TextStyle style)
    {
        using var blob = _blobs.Build();
        if (blob is null)
        {
            return;
        }

        _fill.Color = ToColor(style.Color);
        _canvas.DrawText(blob, x, y, _fill);
    }

    // A glyph's outline at its font's size, kept for later labels (null for a glyph without one).
    // Keyed by the font object: the text shaper keeps one per typeface and size for its life.
    private SKPath? GlyphPath(SKFont font, ushort glyph)
    {
        var key = (font, glyph);
        if (!_glyphPaths.TryGetValue(key, out var path))
        {
            if (_glyphPaths.Count >= MaxGlyphPaths)
            {
                ForgetGlyphPaths();
            }

            path = font.GetGlyphPath(glyph);
            if (path is { IsEmpty: true })
            {
                path.Dispose();
                path = null;
            }

            _glyphPaths.Add(key, path);
        }

        return path;
    }

    private void ForgetGlyphPaths()
    {
        foreach (var path in _glyphPaths.Values)
        {
            path?.Dispose();
        }

        _glyphPaths.Clear();
    }
}
