using TileCluster.Rendering;
using TileCluster.Rendering.Imaging;

namespace TileCluster.Rendering.Tests;

public sealed class CanvasTests
{
    private static readonly Rgba Land = new(242, 239, 233);
    private static readonly Rgba Water = new(170, 211, 223);
    private static readonly TextStyle Label = new("Noto Sans", 14, Bold: false, Italic: false, new Rgba(0, 0, 0), new Rgba(255, 255, 255), 1.5);

    private static Rgba PixelAt(Canvas canvas, int x, int y)
    {
        var pixels = canvas.GetPixels(out int stride);
        int i = (y * stride) + (x * 4);
        return new Rgba(pixels[i + 2], pixels[i + 1], pixels[i], pixels[i + 3]);
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
    public void DrawText_PaintsNearTheCentre_AndLongerTextIsWider()
    {
        using var canvas = new Canvas(200, 60);
        canvas.Clear(Land);
        canvas.DrawText("Vaduz", 100, 30, 0, Label);
        int dark = 0;
        for (int x = 60; x < 140; x++)
        {
            for (int y = 15; y < 45; y++)
            {
                dark += PixelAt(canvas, x, y).R < 100 ? 1 : 0;
            }
        }

        Assert.True(dark > 20, "no glyph pixels near the centre");
        Assert.True(canvas.MeasureText("Liechtenstein", Label).Width > canvas.MeasureText("Vaduz", Label).Width);
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
