using System.Collections.Immutable;
using SkiaSharp;

namespace TileCluster.Rendering.Styles;

/// <summary>
/// A named, ordered list of font files (like a Mapnik fontset): each run of label text is drawn
/// with the first font that has glyphs for it, so one set covers Latin, Greek, Cyrillic, Arabic,
/// Hebrew and CJK names. The typefaces are loaded once when the style loads and shared by every
/// render thread (Skia typefaces are immutable and thread-safe).
/// </summary>
internal sealed class FontSet
{
    /// <summary>Creates a set from its loaded typefaces, in fallback order.</summary>
    public FontSet(string name, ImmutableArray<string> files, ImmutableArray<SKTypeface> typefaces)
    {
        ArgumentOutOfRangeException.ThrowIfZero(typefaces.Length);
        ArgumentOutOfRangeException.ThrowIfNotEqual(files.Length, typefaces.Length);
        Name = name;
        Files = files;
        Typefaces = typefaces;
    }

    /// <summary>The set's name in the style (what a text rule's <c>font</c> refers to).</summary>
    public string Name { get; }

    /// <summary>The font files, resolved to full paths, in fallback order.</summary>
    public ImmutableArray<string> Files { get; }

    /// <summary>The loaded typefaces, parallel to <see cref="Files"/>; the first is the primary font.</summary>
    public ImmutableArray<SKTypeface> Typefaces { get; }
}
