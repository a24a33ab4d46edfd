using TileCluster.Rendering;
using TileCluster.Rendering.Imaging;
using TileCluster.Rendering.Labels;
using TileCluster.Rendering.Text;

namespace TileCluster.Rendering.Tests;

public sealed class CanvasTests
{
    private static readonly Rgba Land = new(242, 239, 233);
    private static readonly Rgba Water = new(170, 211, 223);
    private static readonly TextStyle Label = new(TestFonts.Regular, 14, new Rgba(0, 0, 0), new Rgba(255, 255, 255), 1.5);

    private static Rgba PixelAt(Canvas canvas, int x, int y)
    {
        var pixels = canvas.GetPixels(out int stride);
        int i = (y * stride) + (x * 4);
        return new Rgba(pixels[i + 2], pixels[i + 1], pixels[i], pixels[i + 3]);
    }

    private static int DarkPixels(Canvas canvas, int x0, int y0, int x1, int y1)
    {
        int dark = 0;
        for (int x = x0; x < x1; x++)
        {
            for (int y = y0; y < y1; y++)
            {
                dark += PixelAt(canvas, x, y).R < 100 ? 1 : 0;
            }
        }

        return dark;
    }

    [Fact]
    public void Fill_Rectangle_PaintsInsideOnly()
    {
        using var canvas = new Canvas(100, 100);
        canvas.Clear(Land);
        canvas.NewPath();
        canvas.MoveTo(10, 10);
        canvas.LineTo(60, 10);
        canvas.LineTo(60, 60);
        canvas.LineTo(10, 60);
        canvas.ClosePath();
        canvas.Fill(Water);
        Assert.Equal(Water, PixelAt(canvas, 30, 30));
        Assert.Equal(Land, PixelAt(canvas, 80, 80));
    }

    [Fact]
    public void ClipTo_Stroke_PaintsInsideTheClipOnly_UntilClear()
    {
        using var canvas = new Canvas(100, 100);
        canvas.Clear(Land);
        canvas.ClipTo(20, 20, 80, 80);
        canvas.NewPath();
        canvas.MoveTo(0, 50);
        canvas.LineTo(100, 50);
        canvas.Stroke(new StrokeStyle(Water, 10));
        Assert.Equal(Water, PixelAt(canvas, 20, 50));
        Assert.Equal(Water, PixelAt(canvas, 79, 50));
        Assert.Equal(Land, PixelAt(canvas, 19, 50));
        Assert.Equal(Land, PixelAt(canvas, 80, 50));

        canvas.Clear(Land);
        canvas.NewPath();
        canvas.MoveTo(0, 50);
        canvas.LineTo(100, 50);
        canvas.Stroke(new StrokeStyle(Water, 10));
        Assert.Equal(Water, PixelAt(canvas, 5, 50));
    }

    [Fact]
    public void Fill_InnerRing_IsAHole()
    {
        using var canvas = new Canvas(100, 100);
        canvas.Clear(Land);
        canvas.NewPath();
        foreach (var (a, b) in new[] { (10.0, 90.0), (40.0, 60.0) })
        {
            canvas.MoveTo(a, a);
            canvas.LineTo(b, a);
            canvas.LineTo(b, b);
            canvas.LineTo(a, b);
            canvas.ClosePath();
        }

        canvas.Fill(Water);
        Assert.Equal(Water, PixelAt(canvas, 20, 20));
        Assert.Equal(Land, PixelAt(canvas, 50, 50));
    }

    [Fact]
    public void Stroke_WidthAndColour_AreHonoured()
    {
        using var canvas = new Canvas(100, 100);
        canvas.Clear(Land);
        canvas.NewPath();
        canvas.MoveTo(0, 50);
        canvas.LineTo(100, 50);
        canvas.Stroke(new StrokeStyle(new Rgba(252, 214, 164), 10));
        Assert.Equal(new Rgba(252, 214, 164), PixelAt(canvas, 50, 50));
        Assert.Equal(new Rgba(252, 214, 164), PixelAt(canvas, 50, 46));
        Assert.Equal(Land, PixelAt(canvas, 50, 40));
    }

    [Fact]
    public void Stroke_Dash_LeavesGaps()
    {
        using var canvas = new Canvas(100, 20);
        canvas.Clear(Land);
        canvas.NewPath();
        canvas.MoveTo(0, 10);
        canvas.LineTo(100, 10);
        var red = new Rgba(200, 0, 0);
        canvas.Stroke(new StrokeStyle(red, 4, Dash: [10, 10]));
        Assert.Equal(red, PixelAt(canvas, 5, 10));
        Assert.Equal(Land, PixelAt(canvas, 15, 10));
        Assert.Equal(red, PixelAt(canvas, 25, 10));
    }

    [Fact]
    public void Fill_Preserve_KeepsThePathForTheOutline()
    {
        using var canvas = new Canvas(100, 100);
        canvas.Clear(Land);
        canvas.NewPath();
        canvas.MoveTo(20, 20);
        canvas.LineTo(80, 20);
        canvas.LineTo(80, 80);
        canvas.LineTo(20, 80);
        canvas.ClosePath();
        canvas.Fill(Water, preserve: true);
        var outline = new Rgba(0, 0, 200);
        canvas.Stroke(new StrokeStyle(outline, 4));
        Assert.Equal(Water, PixelAt(canvas, 50, 50));
        Assert.Equal(outline, PixelAt(canvas, 20, 50));
    }

    [Fact]
    public void DrawText_PaintsNearTheCentre_AndLongerTextIsWider()
    {
        using var canvas = new Canvas(200, 60);
        using var shaper = new TextShaper();
        canvas.Clear(Land);
        canvas.DrawText(shaper.Shape("Vaduz", Label), 100, 30, Label);

        Assert.True(DarkPixels(canvas, 60, 15, 140, 45) > 20, "no glyph pixels near the centre");
        Assert.Equal(0, DarkPixels(canvas, 0, 0, 40, 60));
        Assert.True(shaper.Shape("Liechtenstein", Label).Width > shaper.Shape("Vaduz", Label).Width);
    }

    [Theory]
    [InlineData("فادوتس")]
    [InlineData("瓦杜兹")]
    [InlineData("Вадуц")]
    [InlineData("ואדוץ")]
    public void DrawText_PointLabelInAnotherScript_RealGlyphsWithInk(string name)
    {
        using var canvas = new Canvas(200, 60);
        using var shaper = new TextShaper();
        canvas.Clear(Land);

        var shaped = shaper.Shape(name, Label);
        canvas.DrawText(shaped, 100, 30, Label);

        Assert.All(shaped.Runs, run => Assert.DoesNotContain((ushort)0, run.Glyphs));
        Assert.True(shaped.Width > 20, $"width {shaped.Width}");
        Assert.True(DarkPixels(canvas, 0, 0, 200, 60) > 30, "no glyph ink");
    }

    [Fact]
    public void DrawTextAlong_CurvedLine_InkFollowsTheCurve()
    {
        using var canvas = new Canvas(300, 300);
        using var shaper = new TextShaper();
        canvas.Clear(Land);

        // A quarter circle from (50, 50) bending down to (250, 250); the text runs along it.
        var points = new List<double>();
        for (int i = 0; i <= 20; i++)
        {
            double a = Math.PI / 2 * i / 20;
            points.Add(50 + (200 * Math.Sin(a)));
            points.Add(250 - (200 * Math.Cos(a)));
        }

        double[] line = [.. points];
        var shaped = shaper.Shape("Essanestrasse Vaduz", Label);
        double length = LinePlacement.Length(line);
        var (cx, cy, _) = LinePlacement.PointAt(line, length / 2);
        var position = new LinePosition((length - shaped.Width) / 2, shaped.Width, false, cx, cy);
        canvas.DrawTextAlong(shaped, line, position, Label);

        // Ink near the curve at both ends of the label; none far inside the arc.
        var (sx, sy, _) = LinePlacement.PointAt(line, position.Start + 10);
        var (ex, ey, _) = LinePlacement.PointAt(line, position.Start + position.Length - 10);
        Assert.True(DarkPixels(canvas, (int)sx - 10, (int)sy - 10, (int)sx + 10, (int)sy + 10) > 5, $"no ink at the start ({sx:F0}, {sy:F0})");
        Assert.True(DarkPixels(canvas, (int)ex - 10, (int)ey - 10, (int)ex + 10, (int)ey + 10) > 5, $"no ink at the end ({ex:F0}, {ey:F0})");
        Assert.Equal(0, DarkPixels(canvas, 0, 150, 100, 300));
        Assert.Equal(0, DarkPixels(canvas, 60, 160, 140, 240));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DrawText_TranslucentHalo_IsOneEvenLayerWhereTheLettersHalosMeet(bool alongLine)
    {
        // A half-transparent red halo, wide enough that neighbouring letters' halos overlap: it is
        // painted once for the whole label, so nowhere is it laid twice (which would show as a
        // deeper red between the letters). Point and line labels alike.
        using var canvas = new Canvas(400, 100);
        using var shaper = new TextShaper();
        canvas.Clear(new Rgba(255, 255, 255));
        var style = new TextStyle(TestFonts.Regular, 40, new Rgba(0, 0, 0), new Rgba(255, 0, 0, 128), 6);
        var shaped = shaper.Shape("MMWW", style);
        if (alongLine)
        {
            canvas.DrawTextAlong(shaped, [20, 50, 380, 50], new LinePosition((360 - shaped.Width) / 2, shaped.Width, false, 200, 50), style);
        }
        else
        {
            canvas.DrawText(shaped, 200, 50, style);
        }

        int halo = 0;
        for (int y = 0; y < 100; y++)
        {
            for (int x = 0; x < 400; x++)
            {
                var pixel = PixelAt(canvas, x, y);
                if (pixel.R > 250 && pixel.G < 250)
                {
                    // Halo over white: red at 50 % gives G = 127; twice over would give G = 63.
                    halo++;
                    Assert.True(pixel.G >= 120, $"halo laid twice at ({x}, {y}): {pixel}");
                }
            }
        }

        Assert.True(halo > 500, $"only {halo} halo pixels");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void MetatileEncoder_OnSeveralThreads_WritesTheSameBytes(int workers)
    {
        // A metatile with thousands of colours (antialiased circles over a gradient), so the
        // palette is quantised, and some flat tiles, so bit depths differ between tiles.
        const int tile = 64, tilesPerSide = 8, buffer = 16;
        int side = (tile * tilesPerSide) + (2 * buffer);
        using var canvas = new Canvas(side, side);
        canvas.Clear(Land);
        for (int i = 0; i < 40; i++)
        {
            canvas.NewPath();
            double cx = 40 + (i * 13 % 300), cy = 30 + (i * 29 % 280), r = 5 + (i % 7 * 4);
            for (int k = 0; k <= 24; k++)
            {
                double angle = k * Math.PI / 12;
                if (k == 0)
                {
                    canvas.MoveTo(cx + r, cy);
                }
                else
                {
                    canvas.LineTo(cx + (r * Math.Cos(angle)), cy + (r * Math.Sin(angle)));
                }
            }

            canvas.ClosePath();
            canvas.Fill(new Rgba((byte)(i * 6), (byte)(255 - (i * 5)), (byte)(i * 3 % 256), 200));
        }

        var alone = MetatileEncoder.Encode(canvas, buffer, tile, tilesPerSide, TileImageFormat.Png256);
        var shared = MetatileEncoder.Encode(canvas, buffer, tile, tilesPerSide, TileImageFormat.Png256, workers);
        for (int dx = 0; dx < tilesPerSide; dx++)
        {
            for (int dy = 0; dy < tilesPerSide; dy++)
            {
                Assert.Equal(alone.Get(dx, dy), shared.Get(dx, dy));
            }
        }

        Assert.Equal(Land, PngImage.Decode(shared.Get(7, 7)).GetPixel(10, 10));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void MetatileEncoder_CutsEveryTileFromItsPlace(int tilesPerSide)
    {
        const int tile = 32;
        const int buffer = 8;
        using var canvas = new Canvas((tile * tilesPerSide) + (2 * buffer), (tile * tilesPerSide) + (2 * buffer));
        canvas.Clear(Land);
        for (int dx = 0; dx < tilesPerSide; dx++)
        {
            for (int dy = 0; dy < tilesPerSide; dy++)
            {
                canvas.NewPath();
                double x = buffer + (dx * tile), y = buffer + (dy * tile);
                canvas.MoveTo(x, y);
                canvas.LineTo(x + tile, y);
                canvas.LineTo(x + tile, y + tile);
                canvas.LineTo(x, y + tile);
                canvas.ClosePath();
                canvas.Fill(new Rgba((byte)(dx * 30), (byte)(dy * 30), 100));
            }
        }

        var tiles = MetatileEncoder.Encode(canvas, buffer, tile, tilesPerSide, TileImageFormat.Png256);
        for (int dx = 0; dx < tilesPerSide; dx++)
        {
            for (int dy = 0; dy < tilesPerSide; dy++)
            {
                var image = PngImage.Decode(tiles.Get(dx, dy));
                Assert.Equal((tile, tile), (image.Width, image.Height));
                Assert.Equal(new Rgba((byte)(dx * 30), (byte)(dy * 30), 100), image.GetPixel(tile / 2, tile / 2));
            }
        }
    }
}
