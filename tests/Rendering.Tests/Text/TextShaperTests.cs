using SkiaSharp;
using TileCluster.Rendering.Text;
using Xunit;

namespace TileCluster.Rendering.Tests.Text;

public sealed class TextShaperTests
{
    private static readonly TextStyle Label = new(TestFonts.Regular, 16, new Rgba(0, 0, 0), new Rgba(255, 255, 255), 1.5);

    [Fact]
    public void Shape_LatinText_OneRunInThePrimaryFontWithKerning()
    {
        using var shaper = new TextShaper();

        var shaped = shaper.Shape("AVAVA", Label);

        var run = Assert.Single(shaped.Runs);
        Assert.Same(TestFonts.Regular.Typefaces[0], run.Font.Typeface);
        Assert.DoesNotContain((ushort)0, run.Glyphs);

        // Noto Sans kerns A-V: the shaped width is less than the sum of the plain advances.
        float plain = run.Font.GetGlyphWidths(run.Glyphs).Sum();
        Assert.True(shaped.Width < plain - 1, $"no kerning: shaped {shaped.Width}, plain {plain}");
    }

    [Fact]
    public void Shape_ArabicWithoutJoins_GlyphsRightToLeft()
    {
        using var shaper = new TextShaper();
        const string text = "ادرو"; // alef, dal, reh, waw: none joins the next letter, so each keeps its isolated form

        var shaped = shaper.Shape(text, Label);

        var run = Assert.Single(shaped.Runs);
        Assert.Same(TestFonts.Regular.Typefaces[1], run.Font.Typeface);
        ushort[] logical = run.Font.GetGlyphs(text);
        Assert.Equal(logical.Reverse(), run.Glyphs);
    }

    [Fact]
    public void Shape_ArabicWord_JoinedFormsNotTheIsolatedOnes()
    {
        using var shaper = new TextShaper();
        const string text = "سلام";

        var shaped = shaper.Shape(text, Label);

        var run = Assert.Single(shaped.Runs);
        ushort[] isolated = run.Font.GetGlyphs(text);
        Assert.DoesNotContain((ushort)0, run.Glyphs);
        Assert.NotEqual(isolated, run.Glyphs);
        Assert.NotEqual(isolated.Reverse(), run.Glyphs);
    }

    [Fact]
    public void Shape_ChineseAfterLatin_FallsBackToTheCjkFontForThatRunOnly()
    {
        using var shaper = new TextShaper();

        var shaped = shaper.Shape("Vaduz 瓦杜兹", Label);

        Assert.Equal(2, shaped.Runs.Length);
        Assert.Same(TestFonts.Regular.Typefaces[0], shaped.Runs[0].Font.Typeface);
        Assert.Same(TestFonts.Regular.Typefaces[3], shaped.Runs[1].Font.Typeface);
        Assert.All(shaped.Runs, run => Assert.DoesNotContain((ushort)0, run.Glyphs));
        Assert.True(shaped.Runs[1].X[0] > shaped.Runs[0].X[^1], "the Chinese run follows the Latin one");
    }

    [Fact]
    public void Shape_HebrewThenLatin_RunsLaidOutFromTheRight()
    {
        using var shaper = new TextShaper();

        var shaped = shaper.Shape("ואדוץ Vaduz", Label);

        Assert.Equal(2, shaped.Runs.Length);
        Assert.Same(TestFonts.Regular.Typefaces[0], shaped.Runs[0].Font.Typeface);
        Assert.Same(TestFonts.Regular.Typefaces[2], shaped.Runs[1].Font.Typeface);
    }
}
