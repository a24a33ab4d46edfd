using Npgsql;
using SkiaSharp;
using TileCluster.Grains.Abstractions.Export;
using TileCluster.Rendering.Styles;
using TileCluster.Rendering.Tests.Styles;
using Xunit;

namespace TileCluster.Rendering.Tests.Export;

/// <summary>An export drawn in strips against the same export drawn in one piece, on the dev PostGIS (TILECLUSTER_TEST_CONNECTION).</summary>
public sealed class ExportStripsTests
{
    private const double HalfWorld = 20037508.342789244;

    /// <summary>
    /// Strips are the one-piece image within a small tolerance: the labels, the features and their
    /// pixel coordinates are the same, but Skia's analytic antialiasing snaps an edge's ends to a
    /// quarter pixel and cuts edges at the bitmap's border, so a slanted edge crossing a strip border
    /// is antialiased a little differently (measured on Vaduz: 1-1.7 % of the pixels differ, 97 % of
    /// those by at most 7 of 255, 0.02 % of all pixels by more than 8, the worst by 104 on a
    /// shallow road edge at ratio 2).
    /// </summary>
    [Theory]
    [InlineData(16, 1, 64)]
    [InlineData(16, 2, 100)]
    [InlineData(17, 1, 256)]
    public void RenderStrip_VaduzInStrips_SamePixelsAsOnePiece(double zoom, int ratio, int stripRows)
    {
        var request = Vaduz(zoom, ratio);
        using var renderer = Renderer(out var dataSource);
        using (dataSource)
        {
            var cancel = TestContext.Current.CancellationToken;
            byte[] whole = Draw(request.WidthPx, request.HeightPx, canvas => renderer.RenderArea(request, canvas, cancel));

            var labels = renderer.PlaceLabels(request, cancel);
            int across = labels.Count(l => l.Y % stripRows is var offset && (offset < 5 || offset > stripRows - 5));
            Assert.True(across >= 2, $"only {across} of {labels.Length} labels sit on a strip edge: the test would not show cut or doubled labels");

            byte[] assembled = new byte[whole.Length];
            int rowBytes = request.WidthPx * 4;
            for (int top = 0; top < request.HeightPx; top += stripRows)
            {
                int rows = Math.Min(stripRows, request.HeightPx - top);
                byte[] strip = Draw(request.WidthPx, rows, canvas => renderer.RenderStrip(request, labels, top, rows, canvas, cancel));
                strip.CopyTo(assembled, top * rowBytes);
            }

            int pixels = whole.Length / 4, differing = 0, beyond8 = 0, largest = 0;
            for (int i = 0; i < whole.Length; i += 4)
            {
                int difference = 0;
                for (int c = 0; c < 4; c++)
                {
                    difference = Math.Max(difference, Math.Abs(whole[i + c] - assembled[i + c]));
                }

                differing += difference > 0 ? 1 : 0;
                beyond8 += difference > 8 ? 1 : 0;
                largest = Math.Max(largest, difference);
            }

            string summary = $"{differing} of {pixels} pixels differ, {beyond8} by more than 8, at most by {largest}";
            Assert.True(differing < pixels * 0.03, summary);
            Assert.True(beyond8 < pixels * 0.001, summary);
            Assert.True(largest <= 128, summary);
        }
    }

    [Fact]
    public void RenderStrip_LabelsOfThePlacement_AreTheLabelsTheOnePieceDraws()
    {
        // One strip of the whole height is the one-piece image exactly (no clipping differs);
        // without the placed labels it is not.
        var request = Vaduz(16, 1);
        using var renderer = Renderer(out var dataSource);
        using (dataSource)
        {
            var cancel = TestContext.Current.CancellationToken;
            var labels = renderer.PlaceLabels(request, cancel);
            Assert.Contains(labels, l => l.Line is not null);
            Assert.Contains(labels, l => l.Line is null);
            byte[] whole = Draw(request.WidthPx, request.HeightPx, canvas => renderer.RenderArea(request, canvas, cancel));
            byte[] labelled = Draw(request.WidthPx, request.HeightPx, canvas => renderer.RenderStrip(request, labels, 0, request.HeightPx, canvas, cancel));
            byte[] unlabelled = Draw(request.WidthPx, request.HeightPx, canvas => renderer.RenderStrip(request, [], 0, request.HeightPx, canvas, cancel));
            Assert.Equal(whole, labelled);
            Assert.NotEqual(whole, unlabelled);
        }
    }

    private static ExportRequest Vaduz(double zoom, int ratio)
    {
        // 9.515,47.135,9.530,47.145, as the gateway sizes it.
        double minX = X(9.515), maxX = X(9.530), minY = Y(47.135), maxY = Y(47.145);
        double metresPerPixel = 2 * HalfWorld / (256 * ratio * Math.Pow(2, zoom));
        int width = (int)Math.Round((maxX - minX) / metresPerPixel), height = (int)Math.Round((maxY - minY) / metresPerPixel);
        return new ExportRequest("osm", minX, minY, maxX, maxY, width, height, zoom, ratio, ExportFormat.Png, 96, true);
    }

    private static MapRenderer Renderer(out NpgsqlDataSource dataSource)
    {
        string connection = Environment.GetEnvironmentVariable("TILECLUSTER_TEST_CONNECTION") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("TILECLUSTER_TEST_CONNECTION is not set: point it at the osm2pgsql Liechtenstein database");
        var style = StyleLoader.Load(Path.Combine(StyleLoaderTests.RepoRoot(), "styles", "osm.yaml"));
        dataSource = NpgsqlDataSource.Create(connection);
        return new MapRenderer(new Dictionary<string, MapStyle> { ["osm"] = style }, dataSource);
    }

    private static byte[] Draw(int width, int height, Action<SKCanvas> draw)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(bitmap))
        {
            draw(canvas);
            canvas.Flush();
        }

        return bitmap.GetPixelSpan().ToArray();
    }

    private static double X(double lon) => lon * HalfWorld / 180;

    private static double Y(double lat) => 6378137 * Math.Log(Math.Tan((Math.PI / 4) + (lat * Math.PI / 360)));
}
