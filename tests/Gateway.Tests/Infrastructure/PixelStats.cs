using TileCluster.Rendering;
using TileCluster.Rendering.Imaging;

namespace TileCluster.Gateway.Tests.Infrastructure;

/// <summary>Colour statistics of a decoded tile, for assertions that survive small style tweaks.</summary>
internal sealed class PixelStats(PngImage image)
{
    public PngImage Image { get; } = image;

    public static PixelStats Of(byte[] png) => new(PngImage.Decode(png));

    /// <summary>Share of pixels within <paramref name="tolerance"/> (per channel) of <paramref name="hex"/>.</summary>
    public double Share(string hex, int tolerance = 6) => ShareIn(hex, 0, 0, Image.Width, Image.Height, tolerance);

    public double ShareIn(string hex, int x0, int y0, int x1, int y1, int tolerance = 6)
    {
        Assert.True(Rgba.TryParse(hex, out var color, out _), hex);
        int hits = 0;
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                var p = Image.GetPixel(x, y);
                if (Math.Abs(p.R - color.R) <= tolerance && Math.Abs(p.G - color.G) <= tolerance && Math.Abs(p.B - color.B) <= tolerance)
                {
                    hits++;
                }
            }
        }

        return hits / (double)((x1 - x0) * (y1 - y0));
    }

    /// <summary>Number of distinct colours: a blank tile has 1.</summary>
    public int DistinctColors()
    {
        var colors = new HashSet<Rgba>();
        for (int y = 0; y < Image.Height; y++)
        {
            for (int x = 0; x < Image.Width; x++)
            {
                colors.Add(Image.GetPixel(x, y));
            }
        }

        return colors.Count;
    }
}
