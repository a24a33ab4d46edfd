using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace TileCluster.Rendering.Text;

/// <summary>
/// Shapes label text with HarfBuzz (kerning, ligatures, Arabic joining and right-to-left order),
/// falling back through the style's font set run by run. One per render thread: it keeps its
/// HarfBuzz shapers and sized fonts across renders.
/// </summary>
internal sealed class TextShaper : IDisposable
{
    private readonly Dictionary<SKTypeface, SKShaper> _shapers = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(SKTypeface Typeface, float Size), SKFont> _fonts = [];
    private readonly List<(int Start, int End, int Face)> _segments = [];
    private bool _disposed;

    /// <summary>Shapes <paramref name="text"/> in <paramref name="style"/>'s font set and size.</summary>
    public ShapedText Shape(string text, TextStyle style)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var faces = style.Font.Typefaces;
        float size = (float)style.SizePx;
        Segment(text, faces, size);

        // Runs are shaped separately; a right-to-left label (its first strong letter is RTL) lays
        // its runs out from the right. Within a run HarfBuzz orders the glyphs itself.
        bool rtl = StartsRightToLeft(text);
        var runs = new ShapedRun[_segments.Count];
        float x = 0;
        for (int k = 0; k < _segments.Count; k++)
        {
            var (start, end, face) = _segments[rtl ? _segments.Count - 1 - k : k];
            var font = FontFor(faces[face], size);
            var result = ShaperFor(faces[face]).Shape(text[start..end], font);
            int n = result.Codepoints.Length;
            var glyphs = new ushort[n];
            var xs = new float[n];
            var ys = new float[n];
            var advances = new float[n];
            for (int i = 0; i < n; i++)
            {
                glyphs[i] = (ushort)result.Codepoints[i];
                xs[i] = x + result.Points[i].X;
                ys[i] = result.Points[i].Y;
                float next = i + 1 < n ? result.Points[i + 1].X : result.Width;
                advances[i] = Math.Max(0, next - result.Points[i].X);
            }

            runs[k] = new ShapedRun(font, glyphs, xs, ys, advances);
            x += result.Width;
        }

        FontFor(faces[0], size).GetFontMetrics(out var metrics);
        return new ShapedText(runs, x, -metrics.Ascent, metrics.Descent);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var shaper in _shapers.Values)
        {
            shaper.Dispose();
        }

        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }

        _shapers.Clear();
        _fonts.Clear();
    }

    // Splits the text into runs of one font each: a letter takes the first font of the set that has
    // it; spaces, digits, punctuation and combining marks stay with the current font when it has
    // them, so "Rue de l'Église" or an Arabic name with its marks stays one run.
    private void Segment(string text, ImmutableArray<SKTypeface> faces, float size)
    {
        _segments.Clear();
        int face = -1, start = 0;
        for (int i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out int length);
            int chosen = Choose(rune, face, faces, size);
            if (face >= 0 && chosen != face)
            {
                _segments.Add((start, i, face));
                start = i;
            }

            face = chosen;
            i += length;
        }

        if (face >= 0)
        {
            _segments.Add((start, text.Length, face));
        }
    }

    private int Choose(Rune rune, int current, ImmutableArray<SKTypeface> faces, float size)
    {
        if (current >= 0 && !Rune.IsLetter(rune) && (Sticks(rune) || FontFor(faces[current], size).ContainsGlyph(rune.Value)))
        {
            return current;
        }

        for (int f = 0; f < faces.Length; f++)
        {
            if (FontFor(faces[f], size).ContainsGlyph(rune.Value))
            {
                return f;
            }
        }

        // No font has it: it stays in the current run (and shows as that font's missing glyph).
        return Math.Max(current, 0);
    }

    private static bool Sticks(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
        or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator or UnicodeCategory.Control;

    private static bool StartsRightToLeft(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                return rune.Value is (>= 0x0590 and <= 0x08FF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF);
            }
        }

        return false;
    }

    private SKShaper ShaperFor(SKTypeface typeface)
    {
        if (!_shapers.TryGetValue(typeface, out var shaper))
        {
            shaper = new SKShaper(typeface);
            _shapers.Add(typeface, shaper);
        }

        return shaper;
    }

    private SKFont FontFor(SKTypeface typeface, float size)
    {
        if (!_fonts.TryGetValue((typeface, size), out var font))
        {
            // Unhinted, subpixel-positioned outlines: a label looks the same at any rotation and
            // its shaped width is the width it is drawn at.
            font = new SKFont(typeface, size)
            {
                Hinting = SKFontHinting.None,
                Subpixel = true,
                LinearMetrics = true,
                Edging = SKFontEdging.Antialias,
            };
            _fonts.Add((typeface, size), font);
        }

        return font;
    }
}
