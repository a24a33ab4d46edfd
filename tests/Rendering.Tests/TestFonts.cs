using System.Collections.Immutable;
using SkiaSharp;
using TileCluster.Rendering.Styles;

namespace TileCluster.Rendering.Tests;

/// <summary>The Debian Noto font set the default style uses, loaded once for the tests.</summary>
internal static class TestFonts
{
    public const string NotoSans = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";

    public static readonly ImmutableArray<string> RegularFiles =
    [
        NotoSans,
        "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    ];

    public static readonly FontSet Regular = new("regular", RegularFiles, [.. RegularFiles.Select(f => SKTypeface.FromFile(f))]);
}
