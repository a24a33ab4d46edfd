using SkiaSharp;
using TileCluster.Grains.Abstractions.Export;

namespace TileCluster.Rendering.Export;

/// <summary>
/// Renders an export onto the canvas its format needs and encodes it: strips of a bitmap for the
/// raster formats (PNG, JPEG, GeoTIFF; the callers render those in strips), a PDF page or an SVG
/// document in one piece for the vector formats, so their paths and text stay vectors (the renderer
/// draws the same layers on whichever canvas it is given).
/// </summary>
internal static class ExportWriter
{
    /// <summary>Renders and encodes <paramref name="request"/> with <paramref name="renderer"/> (the calling render thread's).</summary>
    public static byte[] Write(IMapRenderer renderer, ExportRequest request, CancellationToken cancellationToken) => request.Format switch
    {
        ExportFormat.Pdf => WritePdf(renderer, request, cancellationToken),
        ExportFormat.Svg => WriteSvg(renderer, request, cancellationToken),
        _ => throw new InvalidOperationException($"a {request.Format} export renders in strips (ExportCluster.StartStripsAsync), never in one piece"),
    };

    /// <summary>
    /// Renders rows <paramref name="topPx"/> to <paramref name="topPx"/> + <paramref name="heightPx"/>
    /// of <paramref name="request"/>'s raster image with the whole image's <paramref name="labels"/>,
    /// and compresses them as a strip of its format.
    /// </summary>
    public static ExportStrip WriteStrip(IMapRenderer renderer, ExportRequest request, ExportLabel[] labels, int topPx, int heightPx, CancellationToken cancellationToken)
    {
        using var bitmap = RasterBitmap(request.WidthPx, heightPx);
        using (var canvas = new SKCanvas(bitmap))
        {
            renderer.RenderStrip(request, labels, topPx, heightPx, canvas, cancellationToken);
            canvas.Flush();
        }

        return StripEncoder.Encode(bitmap, request.Format);
    }

    private static SKBitmap RasterBitmap(int widthPx, int heightPx)
    {
        var bitmap = new SKBitmap(new SKImageInfo(widthPx, heightPx, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        if (bitmap.GetPixels() == IntPtr.Zero)
        {
            bitmap.Dispose();
            throw new InvalidOperationException($"cannot allocate a {widthPx}x{heightPx} bitmap");
        }

        return bitmap;
    }

    private static byte[] WritePdf(IMapRenderer renderer, ExportRequest request, CancellationToken cancellationToken)
    {
        // Skia's PDF back end works in points (1/72 in); one pixel is 72/dpi points.
        float pointsPerPixel = (float)(72 / request.Dpi);
        using var stream = new MemoryStream();
        using (var wstream = new SKManagedWStream(stream))
        using (var document = SKDocument.CreatePdf(wstream, new SKDocumentPdfMetadata { Title = "OpenStreetMap export", Creator = "TileCluster", RasterDpi = (float)request.Dpi }))
        {
            var page = document.BeginPage(request.WidthPx * pointsPerPixel, request.HeightPx * pointsPerPixel);
            page.Scale(pointsPerPixel);
            renderer.RenderArea(request, page, cancellationToken);
            document.EndPage();
            document.Close();
        }

        return stream.ToArray();
    }

    private static byte[] WriteSvg(IMapRenderer renderer, ExportRequest request, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        using (var wstream = new SKManagedWStream(stream))
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(request.WidthPx, request.HeightPx), wstream))
        {
            renderer.RenderArea(request, canvas, cancellationToken);
        }

        return stream.ToArray();
    }
}
